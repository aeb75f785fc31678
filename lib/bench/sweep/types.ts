import type { BestTrial } from '../../sweep/analysis';
import type { TrialContext } from '../../sweep/run-sweep';

/**
 * A trial's config as cells see it: its values are whatever the sweep's parameters declare, so
 * cell code uses them directly (`config.lr * 2`), as in W&B. The sweep engine keeps them `unknown`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cell ergonomics, see above
export type CellTrialConfig = Record<string, any>;

/** The user's function: gets the trial's config (and the trial, for hand-written loops). */
export type TrialFunction = (config: CellTrialConfig, trial: TrialContext) => unknown;

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

/**
 * A W&B sweep config (method, metric, parameters, early_terminate, run_cap, …) as a plain type
 * for cells; bench.sweep validates it in full (lib/sweep/spec.ts) and names what is wrong.
 */
export interface SweepConfig {
  method: 'grid' | 'random' | 'bayes';
  parameters: Record<string, unknown>;
  metric?: { name: string; goal?: 'minimize' | 'maximize'; target?: number };
  early_terminate?: { type: 'hyperband'; min_iter?: number; max_iter?: number; s?: number; eta?: number; strict?: boolean };
  run_cap?: number;
  [key: string]: unknown;
}

export type BenchSweep = ((spec: SweepConfig | string, train: TrialFunction, options?: BenchSweepOptions) => Promise<BenchSweepResult>) & {
  join(sweepId: string, train: TrialFunction, options?: JoinOptions): Promise<BenchSweepResult>;
};
