import { decideHyperband, type MetricCurve } from './hyperband';
import { leaseLostReason } from './lease';
import {
  bestReported, findTrial, lossOf, settleSweep, TERMINAL_STATUSES, withTrial,
  type StateUpdate, type SweepState, type TrialRecord,
} from './sweep-state';

/**
 * What agents tell the sweep about a trial (an epoch's metric, the end of the trial) and the
 * user's stop button. Pure functions like lease.ts; every result says what the agent should do.
 */

export type ReportResult = { continue: true } | { stop: true; reason: string };
export type FinishStatus = 'finished' | 'stopped' | 'failed';
export type FinishResult = { accepted: true } | { accepted: false; reason: string };

function targetHit(state: SweepState, value: number | null): boolean {
  const target = state.spec.metric?.target;
  return target !== undefined && value !== null && lossOf(state, value) <= lossOf(state, target);
}

/**
 * Records the sweep metric of one epoch and applies Hyperband. A repeated epoch (a retried
 * request) changes nothing; reports from an agent that lost its lease are ignored with a reason.
 * With `nowMs` and `leaseMs`, a report also renews the lease (reporting proves the agent is alive).
 */
export function reportMetric(
  state: SweepState,
  options: { trialId: string; epoch: number; value: number; agentId?: string; nowMs?: number; leaseMs?: number | null },
): StateUpdate<ReportResult> {
  const trial = findTrial(state, options.trialId);
  const agentId = options.agentId ?? trial.agentId ?? '';
  const lost = leaseLostReason(trial, agentId);
  if (lost) return { state, result: { stop: true, reason: lost } };
  const last = trial.epochs[trial.epochs.length - 1];
  if (last !== undefined && options.epoch <= last) return { state, result: { continue: true } };

  const leaseExpiresAtMs = options.nowMs !== undefined && options.leaseMs !== undefined
    ? (options.leaseMs === null ? null : options.nowMs + options.leaseMs)
    : trial.leaseExpiresAtMs;
  const updated: TrialRecord = { ...trial, status: 'running', leaseExpiresAtMs, epochs: [...trial.epochs, options.epoch], values: [...trial.values, options.value] };
  let next = withTrial(state, updated);
  if (targetHit(next, options.value)) next = { ...next, targetReached: true };

  const { metric, early_terminate: hyperband } = next.spec;
  if (!metric || !hyperband) return { state: next, result: { continue: true } };
  const curves: MetricCurve[] = next.trials.filter((t) => t.values.length > 0).map((t) => ({ trialId: t.id, epochs: t.epochs, values: t.values }));
  const decision = decideHyperband({ spec: hyperband, metric, trial: { trialId: updated.id, epochs: updated.epochs, values: updated.values }, trials: curves });
  if (!decision.stop) return { state: next, result: { continue: true } };
  return stopTrial(next, updated, decision.reason);
}

/** Ends a trial as `stopped`, keeping its reports; its result is the best value it reported. */
function stopTrial(state: SweepState, trial: TrialRecord, reason: string): StateUpdate<ReportResult> {
  const stopped: TrialRecord = { ...trial, status: 'stopped', leaseExpiresAtMs: null, metric: bestReported(state, trial), reason };
  return { state: settleSweep(withTrial(state, stopped)), result: { stop: true, reason } };
}

/**
 * The agent's trial ended. The first agent to finish a trial wins, even one whose lease had
 * expired (its work is complete and valid); a second finisher is ignored with a reason, and so is
 * a stopped or failed attempt of a lost lease (the trial goes, or went, to another agent). When the
 * trial was already stopped (Hyperband, user) its own agent may still hand in the final metric.
 */
export function finishTrial(
  state: SweepState,
  options: { trialId: string; status: FinishStatus; metric?: number | null; agentId?: string; reason?: string },
): StateUpdate<FinishResult> {
  const trial = findTrial(state, options.trialId);
  const agentId = options.agentId ?? trial.agentId ?? '';
  if (!trial.agents.includes(agentId)) {
    return { state, result: { accepted: false, reason: `agent ${agentId || '(none)'} never held a lease on ${trial.id}` } };
  }
  if (TERMINAL_STATUSES.includes(trial.status)) {
    const ownStop = trial.status === 'stopped' && trial.agentId === agentId;
    if (!ownStop) return { state, result: { accepted: false, reason: leaseLostReason(trial, agentId) ?? `trial already ${trial.status}` } };
    const metric = options.metric ?? trial.metric;
    const next = withTrial(state, { ...trial, metric });
    return { state: settleSweep(targetHit(next, metric) ? { ...next, targetReached: true } : next), result: { accepted: true } };
  }
  if (trial.agentId !== agentId && options.status !== 'finished') {
    // A lost lease's attempt counts only when complete: a stopped or failed one (the agent was
    // told its lease is gone) must not end a trial that another agent is now running.
    return { state, result: { accepted: false, reason: `${leaseLostReason(trial, agentId) ?? 'lease lost'}; an unfinished attempt of a lost lease is not counted` } };
  }
  const lastValue = trial.agentId === agentId && trial.values.length ? trial.values[trial.values.length - 1] : null;
  const metric = options.status === 'failed' ? (options.metric ?? null) : (options.metric ?? (options.status === 'stopped' ? bestReported(state, trial) : lastValue));
  const ended: TrialRecord = {
    ...trial,
    status: options.status,
    agentId,
    leaseExpiresAtMs: null,
    metric,
    reason: options.reason ?? (options.status === 'finished' ? null : `trial ${options.status}`),
  };
  let next = withTrial(state, ended);
  if (options.status !== 'failed' && targetHit(next, metric)) next = { ...next, targetReached: true };
  return { state: settleSweep(next), result: { accepted: true } };
}

/**
 * The user's stop: no trial is created or handed out after this, waiting trials are closed, and
 * running ones are told to stop at their next report or lease renewal (their data is kept).
 */
export function stopSweep(state: SweepState, reason = 'sweep stopped by user'): SweepState {
  if (state.status !== 'running') return state;
  const trials = state.trials.map((t): TrialRecord => {
    if (t.status === 'pending') return { ...t, status: 'stopped', reason: `${reason} before this trial started` };
    if (t.status === 'leased' || t.status === 'running') return { ...t, status: 'stopped', leaseExpiresAtMs: null, metric: bestReported(state, t), reason };
    return t;
  });
  return { ...state, status: 'stopped', reason, trials };
}
