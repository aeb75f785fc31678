import type { BestTrial } from '../../sweep/analysis';
import type { TrialContext } from '../../sweep/run-sweep';
import type { TrialConfig } from '../../sweep/space';
import type { SweepSpec } from '../../sweep/spec';

/** The user's function: gets the trial's config (and the trial, for hand-written loops). */
export type TrialFunction = (config: TrialConfig, trial: TrialContext) => unknown;

export interface BenchSweepOptions {
  /** Run at most this many trials in this call (random and bayes sweeps need it or run_cap). */
  count?: number;
  /** Sampler seed (default 0): the same seed proposes the same trials. */
  seed?: number;
  name?: string;
  /** Create the sweep on the tracking server (other browsers can join it) and work on it here. */
  server?: boolean | { baseUrl?: string; token?: string; leaseMs?: number };
  /** Name of the training function in the notebook, for server sweeps (default: the function's own name). */
  functionName?: string;
  /** The text to keep as the sweep's config (a sweep cell passes its own source, cell keys included). */
  source?: string;
}

export interface JoinOptions {
  /** Leave after this many trials. */
  count?: number;
  agentId?: string;
  baseUrl?: string;
  token?: string;
}

export interface BenchSweepResult {
  sweepId: string;
  /** Why the sweep (or this agent) ended. */
  reason: string;
  trials: number;
  best: BestTrial | null;
  /** The sweep page, relative to the app. */
  url: string;
}

export type BenchSweep = ((spec: SweepSpec | string | Record<string, unknown>, train: TrialFunction, options?: BenchSweepOptions) => Promise<BenchSweepResult>) & {
  join(sweepId: string, train: TrialFunction, options?: JoinOptions): Promise<BenchSweepResult>;
};
