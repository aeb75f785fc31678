import { leaseTrial } from './lease';
import type { TrialConfig } from './space';
import type { SweepSpec } from './spec';
import { createSweepState, type SweepState } from './sweep-state';
import { finishTrial, reportMetric, stopSweep, type FinishResult, type FinishStatus, type ReportResult } from './trial-events';

export { expireLeases, leaseTrial, renewLease, type LeaseResult, type RenewResult } from './lease';
export { createSweepState, SweepStateError, type SweepState, type SweepStatus, type TrialRecord, type TrialStatus } from './sweep-state';
export { finishTrial, reportMetric, stopSweep, type FinishResult, type FinishStatus, type ReportResult } from './trial-events';

/**
 * The sweep controller for one process (the notebook's own kernel): a state machine over the
 * pure transitions, with one local agent whose lease never expires. `state` is plain JSON at
 * every step, so the same sweep can be saved, resumed, or moved to the server.
 */
export type NextTrial = { kind: 'trial'; trialId: string; index: number; config: TrialConfig } | { kind: 'done'; reason: string };

export const LOCAL_AGENT_ID = 'local';

export class SweepController {
  private current: SweepState;

  constructor(init: { spec: SweepSpec; seed: number } | { state: SweepState }) {
    this.current = 'state' in init ? init.state : createSweepState(init);
  }

  get state(): SweepState {
    return this.current;
  }

  /** The next trial to run, or why the sweep is over (grid done, run_cap, target, stopped). */
  nextTrial(): NextTrial {
    const { state, result } = leaseTrial(this.current, LOCAL_AGENT_ID, 0, null);
    this.current = state;
    switch (result.kind) {
      case 'trial':
        return { kind: 'trial', trialId: result.trialId, index: result.index, config: result.config };
      case 'done':
        return result;
      case 'wait':
        // One local agent runs one trial at a time, so waiting means a trial was never finished.
        return { kind: 'done', reason: `${result.reason}: finish the running trial first` };
    }
  }

  reportMetric(trialId: string, epoch: number, value: number): ReportResult {
    const { state, result } = reportMetric(this.current, { trialId, epoch, value, agentId: LOCAL_AGENT_ID });
    this.current = state;
    return result;
  }

  finishTrial(trialId: string, status: FinishStatus, finalMetric: number | null, reason?: string): FinishResult {
    const { state, result } = finishTrial(this.current, { trialId, status, metric: finalMetric, agentId: LOCAL_AGENT_ID, reason });
    this.current = state;
    return result;
  }

  stop(reason?: string): void {
    this.current = stopSweep(this.current, reason);
  }
}
