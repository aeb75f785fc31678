import { SAMPLERS } from './samplers/registry';
import type { Observation } from './samplers/sampler';
import { buildSearchSpace, type TrialConfig } from './space';
import type { SweepSpec } from './spec';

/**
 * A sweep's whole state as plain JSON: the spec, the seed and every trial. The server stores it
 * (one row, or one row per trial) and every transition in lease.ts and trial-events.ts is a pure
 * function `(state, …) → {state, result}`, so a server can run them inside a transaction and
 * many stateless instances agree on who holds which trial.
 *
 * Trial lifecycle:  pending → leased → running → finished | stopped | failed
 *   - `pending`: created or handed back (lease expired) and waiting for an agent;
 *   - `leased`: an agent took it and has not reported yet; `running`: it reported an epoch;
 *   - a lease that is not renewed expires and the trial returns to `pending`, its reports of
 *     the lost attempt cleared; `attempt` counts leases, `agents` remembers every holder so a
 *     late agent is recognised: the first finisher wins, later results are ignored with a reason.
 */

export const SWEEP_STATE_VERSION = 1;

export type TrialStatus = 'pending' | 'leased' | 'running' | 'finished' | 'stopped' | 'failed';
export const ACTIVE_STATUSES: readonly TrialStatus[] = ['leased', 'running'];
export const TERMINAL_STATUSES: readonly TrialStatus[] = ['finished', 'stopped', 'failed'];

export interface TrialRecord {
  id: string;
  /** 0-based creation order (the grid position for grid sweeps). */
  index: number;
  config: TrialConfig;
  status: TrialStatus;
  /** Agent holding the current lease, or who ended the trial. */
  agentId: string | null;
  /** When the current lease runs out (ms since epoch); null: no lease, or one that never expires. */
  leaseExpiresAtMs: number | null;
  /** How many times the trial was leased. */
  attempt: number;
  /** Every agent that ever held a lease on this trial. */
  agents: string[];
  /** Reports of the sweep metric by the current attempt (value may be NaN). */
  epochs: number[];
  values: number[];
  /** The trial's result: the final metric, or the best reported one for stopped trials. */
  metric: number | null;
  /** Why it ended as it did (hyperband reason, error message, "sweep stopped by user"). */
  reason: string | null;
}

export type SweepStatus = 'running' | 'finished' | 'stopped';

export interface SweepState {
  version: typeof SWEEP_STATE_VERSION;
  spec: SweepSpec;
  seed: number;
  status: SweepStatus;
  /** Why the sweep ended (grid done, run_cap, target reached, stopped by user). */
  reason: string | null;
  /** Set once a trial reaches metric.target: no new trials are created after that. */
  targetReached: boolean;
  trials: TrialRecord[];
}

export interface StateUpdate<R> {
  state: SweepState;
  result: R;
}

export function createSweepState(options: { spec: SweepSpec; seed: number }): SweepState {
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  return { version: SWEEP_STATE_VERSION, spec: options.spec, seed: options.seed, status: 'running', reason: null, targetReached: false, trials: [] };
}

export const trialIdFor = (index: number) => `trial-${index + 1}`;

export function findTrial(state: SweepState, trialId: string): TrialRecord {
  const trial = state.trials.find((t) => t.id === trialId);
  if (!trial) throw new SweepStateError(`no trial ${trialId} in this sweep`);
  return trial;
}

/** A programming or protocol error (unknown trial); expected situations come back as results. */
export class SweepStateError extends Error {
  override name = 'SweepStateError';
}

/** A copy of the state with one trial replaced. */
export function withTrial(state: SweepState, trial: TrialRecord): SweepState {
  return { ...state, trials: state.trials.map((t) => (t.id === trial.id ? trial : t)) };
}

/** Lower is better; NaN and missing results count as the worst. */
export function lossOf(state: SweepState, metric: number | null): number {
  if (metric === null || Number.isNaN(metric)) return Infinity;
  return state.spec.metric?.goal === 'maximize' ? -metric : metric;
}

/** Best reported value of the current attempt (goal-aware), or null when nothing was reported. */
export function bestReported(state: SweepState, trial: TrialRecord): number | null {
  let best: number | null = null;
  for (const v of trial.values) if (best === null || lossOf(state, v) < lossOf(state, best)) best = v;
  return best;
}

/** Ended trials as the sampler sees them, in creation order. */
export function observationsOf(state: SweepState): Observation[] {
  return state.trials
    .filter((t) => TERMINAL_STATUSES.includes(t.status))
    .map((t) => ({ config: t.config, loss: t.status === 'failed' ? Infinity : lossOf(state, t.metric) }));
}

/** Why no further trial may be created, or null when one may. */
export function creationBlockedBy(state: SweepState): string | null {
  if (state.status === 'stopped') return state.reason ?? 'sweep stopped';
  if (state.targetReached) return `metric target ${state.spec.metric?.target} reached`;
  const cap = state.spec.run_cap;
  if (cap !== undefined && state.trials.length >= cap) return `run_cap of ${cap} trials reached`;
  const capacity = SAMPLERS[state.spec.method].capacity(buildSearchSpace(state.spec.parameters));
  if (state.trials.length >= capacity) return `grid done: all ${capacity} combinations tried`;
  return null;
}

/** Marks the sweep finished once nothing can be created and no trial is waiting or active. */
export function settleSweep(state: SweepState): SweepState {
  if (state.status !== 'running') return state;
  const blocked = creationBlockedBy(state);
  if (blocked === null) return state;
  const open = state.trials.some((t) => !TERMINAL_STATUSES.includes(t.status));
  return open ? state : { ...state, status: 'finished', reason: blocked };
}
