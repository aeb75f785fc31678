import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/data/rng';
import { toSweepSpec } from '@/lib/sweep/parse';
import {
  createSweepState, expireLeases, finishTrial, leaseTrial, renewLease, reportMetric, type SweepState,
} from '@/lib/sweep/scheduler';

const LEASE_MS = 1000;
const spec = (extra = '') => toSweepSpec(`method: random\nmetric: {name: loss}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}\n${extra}`);

/** A tiny server: holds the state and applies the pure transitions, as a route handler would in a transaction. */
function server(extra = '') {
  let state: SweepState = createSweepState({ spec: spec(extra), seed: 3 });
  const apply = <R>(u: { state: SweepState; result: R }) => {
    state = u.state;
    return u.result;
  };
  return {
    get state() { return state; },
    lease: (agentId: string, nowMs: number) => apply(leaseTrial(state, agentId, nowMs, LEASE_MS)),
    renew: (trialId: string, agentId: string, nowMs: number) => apply(renewLease(state, { trialId, agentId, nowMs, leaseMs: LEASE_MS })),
    report: (trialId: string, agentId: string, epoch: number, value: number) => apply(reportMetric(state, { trialId, agentId, epoch, value })),
    finish: (trialId: string, agentId: string, metric: number) => apply(finishTrial(state, { trialId, agentId, status: 'finished', metric })),
  };
}

describe('leases', () => {
  it('an expired lease is re-issued with the same config and a new attempt; the old holder is told', () => {
    const s = server();
    const first = s.lease('A', 0);
    expect(first).toMatchObject({ kind: 'trial', trialId: 'trial-1', attempt: 1, leaseExpiresAtMs: 1000 });
    expect(s.report('trial-1', 'A', 1, 0.9)).toEqual({ continue: true });
    expect(s.renew('trial-1', 'A', 900)).toEqual({ ok: true, leaseExpiresAtMs: 1900 });
    const second = s.lease('B', 2000);
    expect(second).toMatchObject({ kind: 'trial', trialId: 'trial-1', attempt: 2 });
    if (first.kind === 'trial' && second.kind === 'trial') expect(second.config).toEqual(first.config);
    // The lost attempt's reports are dropped; the new holder starts from scratch.
    expect(s.state.trials[0]).toMatchObject({ status: 'leased', agentId: 'B', values: [], agents: ['A', 'B'] });
    expect(s.renew('trial-1', 'A', 2100)).toEqual({ ok: false, reason: 'lease expired; the trial was re-issued to agent B' });
    expect(s.report('trial-1', 'A', 2, 0.8)).toEqual({ stop: true, reason: 'lease expired; the trial was re-issued to agent B' });
  });

  it('expireLeases hands back exactly the trials whose lease ran out', () => {
    const s = server();
    s.lease('A', 0);
    s.lease('B', 500);
    const { state, result } = expireLeases(s.state, 1200);
    expect(result.expired).toEqual(['trial-1']);
    expect(state.trials.map((t) => t.status)).toEqual(['pending', 'leased']);
  });

  it('a late agent: the first finisher wins, the second result is ignored with a reason', () => {
    const s = server();
    s.lease('A', 0);
    s.report('trial-1', 'A', 1, 0.7);
    s.lease('B', 5000); // A's lease expired: B gets trial-1
    s.report('trial-1', 'B', 1, 0.75);
    // A wakes up and hands in a complete result before B does: it counts.
    expect(s.finish('trial-1', 'A', 0.6)).toEqual({ accepted: true });
    expect(s.state.trials[0]).toMatchObject({ status: 'finished', agentId: 'A', metric: 0.6 });
    expect(s.report('trial-1', 'B', 2, 0.7)).toEqual({ stop: true, reason: 'trial already finished by agent A; this result is not counted' });
    expect(s.finish('trial-1', 'B', 0.65)).toEqual({ accepted: false, reason: 'trial already finished by agent A; this result is not counted' });
    expect(s.state.trials[0].metric).toBe(0.6);
  });

  it('and the other way round: the re-issued agent finishes first, the late one is ignored', () => {
    const s = server();
    s.lease('A', 0);
    s.lease('B', 5000);
    expect(s.finish('trial-1', 'B', 0.5)).toEqual({ accepted: true });
    expect(s.finish('trial-1', 'A', 0.4)).toMatchObject({ accepted: false });
    expect(s.state.trials[0]).toMatchObject({ agentId: 'B', metric: 0.5 });
    expect(s.finish('trial-1', 'C', 0.1)).toEqual({ accepted: false, reason: 'agent C never held a lease on trial-1' });
  });

  it('run_cap reached with trials still out: other agents wait, then are told the sweep is done', () => {
    const s = server('run_cap: 1\n');
    s.lease('A', 0);
    expect(s.lease('B', 400)).toEqual({ kind: 'wait', reason: 'run_cap of 1 trials reached; waiting for 1 running trial(s)', retryAfterMs: 600 });
    s.finish('trial-1', 'A', 0.3);
    expect(s.lease('B', 500)).toEqual({ kind: 'done', reason: 'run_cap of 1 trials reached' });
    expect(s.state.status).toBe('finished');
  });

  it('rejects lease lengths that look like a unit mistake', () => {
    const s = server();
    expect(() => leaseTrial(s.state, 'A', 0, -5)).toThrow(RangeError);
    expect(() => leaseTrial(s.state, 'A', 0, 7 * 24 * 3600 * 1000)).toThrow(/leaseMs/);
  });
});

describe('many agents, random timing: the invariants hold', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: no trial held by two agents, run_cap never exceeded, each trial counted once`, () => {
      const cap = 12;
      const s = server(`run_cap: ${cap}\n`);
      const rng = createRng(seed);
      const agents = Array.from({ length: 6 }, (_, i) => ({ id: `agent-${i}`, trial: null as string | null, epoch: 0 }));
      const accepted = new Map<string, number>();
      let now = 0;
      for (let step = 0; step < 2000 && s.state.status === 'running'; step++) {
        now += Math.floor(rng() * 400);
        const agent = agents[Math.floor(rng() * agents.length)];
        const roll = rng();
        if (agent.trial === null) {
          const liveBefore = expireLeases(s.state, now).state.trials.filter((t) => t.status === 'leased' || t.status === 'running').map((t) => t.id);
          const r = s.lease(agent.id, now);
          if (r.kind === 'trial') {
            // Never hand out a trial while any agent holds a live lease on it.
            expect(liveBefore).not.toContain(r.trialId);
            agent.trial = r.trialId;
            agent.epoch = 0;
          }
        } else if (roll < 0.15) {
          agent.trial = null; // the tab closed: its lease will expire
        } else if (roll < 0.55) {
          const r = s.report(agent.trial, agent.id, ++agent.epoch, rng());
          if ('stop' in r) agent.trial = null;
        } else {
          const r = s.finish(agent.trial, agent.id, rng());
          if (r.accepted) accepted.set(agent.trial, (accepted.get(agent.trial) ?? 0) + 1);
          agent.trial = null;
        }
        const live = s.state.trials.filter((t) => t.status === 'leased' || t.status === 'running');
        expect(live.every((t) => t.agentId !== null && t.leaseExpiresAtMs !== null)).toBe(true);
        expect(s.state.trials.length).toBeLessThanOrEqual(cap);
      }
      // Let everything expire and drain the sweep with one diligent agent.
      for (let guard = 0; guard < 100 && s.state.status === 'running'; guard++) {
        now += 10 * LEASE_MS;
        const r = s.lease('closer', now);
        if (r.kind === 'trial') {
          s.finish(r.trialId, 'closer', 0.5);
          accepted.set(r.trialId, (accepted.get(r.trialId) ?? 0) + 1);
        }
      }
      expect(s.state.status).toBe('finished');
      expect(s.state.trials).toHaveLength(cap);
      expect(s.state.trials.every((t) => t.status === 'finished')).toBe(true);
      expect([...accepted.values()].every((n) => n === 1)).toBe(true);
      expect(accepted.size).toBe(cap);
      // The run exercised what it claims to: leases expired and trials went out again.
      expect(s.state.trials.some((t) => t.attempt > 1)).toBe(true);
    });
  }
});
