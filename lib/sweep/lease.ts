import { SAMPLERS } from './samplers/registry';
import { buildSearchSpace, type TrialConfig } from './space';
import {
  ACTIVE_STATUSES, creationBlockedBy, findTrial, observationsOf, settleSweep, trialIdFor, withTrial,
  type StateUpdate, type SweepState, type TrialRecord,
} from './sweep-state';

/**
 * Handing trials to agents (browser tabs that joined the sweep). Pure functions: a server runs
 * them inside one transaction per request (read state → apply → write), which is what makes
 * "two agents never get the same trial" hold across many app instances.
 */

export type LeaseResult =
  | { kind: 'trial'; trialId: string; index: number; config: TrialConfig; attempt: number; leaseExpiresAtMs: number | null }
  /** Nothing to hand out now, but leased trials may still come back if their leases expire. */
  | { kind: 'wait'; reason: string; retryAfterMs: number | null }
  /** The sweep is over: the agent should exit. */
  | { kind: 'done'; reason: string };

export type RenewResult = { ok: true; leaseExpiresAtMs: number | null } | { ok: false; reason: string };

/** Leases longer than a day are almost certainly a unit mistake (seconds for ms). */
const MAX_LEASE_MS = 24 * 3600 * 1000;

function checkLeaseMs(leaseMs: number | null): void {
  if (leaseMs !== null && !(leaseMs > 0 && leaseMs <= MAX_LEASE_MS)) throw new RangeError(`leaseMs must be in (0, ${MAX_LEASE_MS}] or null for no expiry, got ${leaseMs}`);
}

/** Returns every trial whose lease ran out before `nowMs` to `pending`, dropping that attempt's reports. */
export function expireLeases(state: SweepState, nowMs: number): StateUpdate<{ expired: string[] }> {
  const expired: string[] = [];
  const trials = state.trials.map((t) => {
    if (!ACTIVE_STATUSES.includes(t.status) || t.leaseExpiresAtMs === null || t.leaseExpiresAtMs > nowMs) return t;
    expired.push(t.id);
    return { ...t, status: 'pending' as const, agentId: null, leaseExpiresAtMs: null, epochs: [], values: [] };
  });
  return { state: expired.length ? { ...state, trials } : state, result: { expired } };
}

/**
 * The next trial for `agentId`: a pending (re-issued) trial first, lowest index first, else a new
 * one from the sweep's sampler. `leaseMs` null means the lease never expires (a local sweep).
 */
export function leaseTrial(state: SweepState, agentId: string, nowMs: number, leaseMs: number | null): StateUpdate<LeaseResult> {
  checkLeaseMs(leaseMs);
  if (!agentId) throw new RangeError('agentId must be a non-empty string');
  let current = expireLeases(state, nowMs).state;
  if (current.status !== 'running') return { state: current, result: { kind: 'done', reason: current.reason ?? `sweep ${current.status}` } };

  let trial = current.trials.filter((t) => t.status === 'pending').sort((a, b) => a.index - b.index)[0];
  if (!trial) {
    const blocked = creationBlockedBy(current);
    if (blocked !== null) {
      const active = current.trials.filter((t) => ACTIVE_STATUSES.includes(t.status));
      if (active.length === 0) {
        current = settleSweep(current);
        return { state: current, result: { kind: 'done', reason: current.reason ?? blocked } };
      }
      const expiries = active.map((t) => t.leaseExpiresAtMs).filter((ms): ms is number => ms !== null);
      const retryAfterMs = expiries.length ? Math.max(0, Math.min(...expiries) - nowMs) : null;
      return { state: current, result: { kind: 'wait', reason: `${blocked}; waiting for ${active.length} running trial(s)`, retryAfterMs } };
    }
    trial = createTrial(current);
    current = { ...current, trials: [...current.trials, trial] };
  }

  const leased: TrialRecord = {
    ...trial,
    status: 'leased',
    agentId,
    leaseExpiresAtMs: leaseMs === null ? null : nowMs + leaseMs,
    attempt: trial.attempt + 1,
    agents: trial.agents.includes(agentId) ? trial.agents : [...trial.agents, agentId],
    epochs: [],
    values: [],
  };
  return {
    state: withTrial(current, leased),
    result: { kind: 'trial', trialId: leased.id, index: leased.index, config: leased.config, attempt: leased.attempt, leaseExpiresAtMs: leased.leaseExpiresAtMs },
  };
}

function createTrial(state: SweepState): TrialRecord {
  const index = state.trials.length;
  const config = SAMPLERS[state.spec.method].suggest({
    space: buildSearchSpace(state.spec.parameters),
    seed: state.seed,
    index,
    observations: observationsOf(state),
  });
  return {
    id: trialIdFor(index), index, config, status: 'pending', agentId: null, leaseExpiresAtMs: null,
    attempt: 0, agents: [], epochs: [], values: [], metric: null, reason: null,
  };
}

/** Extends the lease of the agent that holds `trialId`; anyone else is told why not. */
export function renewLease(state: SweepState, options: { trialId: string; agentId: string; nowMs: number; leaseMs: number | null }): StateUpdate<RenewResult> {
  checkLeaseMs(options.leaseMs);
  const current = expireLeases(state, options.nowMs).state;
  const trial = findTrial(current, options.trialId);
  const lost = leaseLostReason(trial, options.agentId);
  if (lost) return { state: current, result: { ok: false, reason: lost } };
  const leaseExpiresAtMs = options.leaseMs === null ? null : options.nowMs + options.leaseMs;
  return { state: withTrial(current, { ...trial, leaseExpiresAtMs }), result: { ok: true, leaseExpiresAtMs } };
}

/** Why `agentId` may no longer work on `trial`, or null when it holds the live lease. */
export function leaseLostReason(trial: TrialRecord, agentId: string): string | null {
  if (trial.status === 'finished' || trial.status === 'failed') {
    return trial.agentId === agentId ? `trial already ${trial.status}` : `trial already ${trial.status} by agent ${trial.agentId}; this result is not counted`;
  }
  if (trial.status === 'stopped') return trial.reason ?? 'trial stopped';
  if (trial.status === 'pending') return 'lease expired; the trial will be handed out again';
  if (trial.agentId !== agentId) return `lease expired; the trial was re-issued to agent ${trial.agentId}`;
  return null;
}
