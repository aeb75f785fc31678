import { SAMPLERS } from './samplers/registry';
import { buildSearchSpace } from './space';
import { ACTIVE_STATUSES, TERMINAL_STATUSES, type SweepState } from './sweep-state';

/** How far a sweep is: trials ended, trials being trained, and how many it will have in all. */
export interface SweepProgress {
  /** Trials finished, stopped or failed. */
  done: number;
  /** Trials leased or running. */
  active: number;
  /**
   * Trials the sweep will have: its run_cap or grid size while running, what it made once over;
   * null when nothing bounds it (random or bayes without run_cap, run as `count` allows).
   */
  total: number | null;
}

export function sweepProgress(state: SweepState): SweepProgress {
  const done = state.trials.filter((t) => TERMINAL_STATUSES.includes(t.status)).length;
  const active = state.trials.filter((t) => ACTIVE_STATUSES.includes(t.status)).length;
  if (state.status !== 'running') return { done, active, total: state.trials.length };
  const capacity = SAMPLERS[state.spec.method].capacity(buildSearchSpace(state.spec.parameters));
  const bound = Math.min(state.spec.run_cap ?? Infinity, capacity);
  return { done, active, total: Number.isFinite(bound) ? Math.max(bound, state.trials.length) : null };
}
