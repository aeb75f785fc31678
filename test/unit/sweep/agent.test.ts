import { describe, expect, it } from 'vitest';
import { runSweepAgent, type AgentStatus } from '@/lib/sweep/agent';
import type { SweepHttpClient } from '@/lib/sweep/http-client';
import { SweepHttpError } from '@/lib/sweep/http-client';
import { leaseTrial, renewLease } from '@/lib/sweep/lease';
import { toSweepSpec } from '@/lib/sweep/parse';
import { createSweepState, type SweepState } from '@/lib/sweep/sweep-state';
import { finishTrial, reportMetric } from '@/lib/sweep/trial-events';

/**
 * The agent loop against an in-process sweep "server" made of the real pure transitions (what
 * lib/server/sweeps runs inside its transactions), so lease timing is exercised without HTTP;
 * the HTTP path itself is covered in test/server/sweeps.
 */
function inProcessServer(spec: string, leaseMs: number) {
  let state: SweepState = createSweepState({ spec: toSweepSpec(spec), seed: 1 });
  const calls: string[] = [];
  const faults: Partial<Record<keyof SweepHttpClient, Error[]>> = {};
  const fault = (name: keyof SweepHttpClient) => {
    const next = faults[name]?.shift();
    if (next) throw next;
  };
  const client: SweepHttpClient = {
    create: async () => { throw new Error('unused'); },
    get: async () => { throw new Error('unused'); },
    list: async () => [],
    stop: async () => { throw new Error('unused'); },
    async lease(_id, agentId) {
      calls.push(`lease:${agentId}`);
      fault('lease');
      const u = leaseTrial(state, agentId, Date.now(), leaseMs);
      state = u.state;
      const r = u.result;
      return r.kind === 'trial' ? { ...r, leaseMs, metric: { name: 'loss', goal: 'minimize' as const } } : r;
    },
    async renew(_id, body) {
      calls.push(`renew:${body.agentId}`);
      fault('renew');
      const u = renewLease(state, { ...body, nowMs: Date.now(), leaseMs });
      state = u.state;
      return u.result;
    },
    async report(_id, body) {
      calls.push(`report:${body.agentId}:${body.epoch}`);
      const u = reportMetric(state, { ...body, nowMs: Date.now(), leaseMs });
      state = u.state;
      return u.result;
    },
    async finish(_id, body) {
      calls.push(`finish:${body.agentId}:${body.trialId}`);
      fault('finish');
      const u = finishTrial(state, body);
      state = u.state;
      return u.result;
    },
  };
  return { client, calls, faults, state: () => state };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const GRID = 'method: grid\nmetric: {name: loss}\nparameters: {k: {values: [1, 2]}}\n';

describe('runSweepAgent', () => {
  it('renews its lease while a trial trains longer than the lease, so no one else gets it', async () => {
    const server = inProcessServer(GRID, 400);
    const slow = runSweepAgent({
      client: server.client, sweepId: 's', agentId: 'slow',
      train: async (config, ctx) => {
        for (let epoch = 1; epoch <= 6; epoch++) {
          await sleep(150);
          await ctx.reportEpoch(epoch, { loss: Number(config.k) });
        }
      },
    });
    await sleep(30);
    const statuses: AgentStatus[] = [];
    const other = await runSweepAgent({ client: server.client, sweepId: 's', agentId: 'other', train: async () => 0, onStatus: (s) => statuses.push(s) });
    expect((await slow).trials).toBe(1);
    expect(other.trials).toBe(1);
    expect(server.state().trials.map((t) => [t.agentId, t.attempt, t.status])).toEqual([['slow', 1, 'finished'], ['other', 1, 'finished']]);
    expect(server.calls.filter((c) => c === 'renew:slow').length).toBeGreaterThan(3);
    expect(statuses.some((s) => s.kind === 'waiting')).toBe(true);
    expect(other.reason).toBe('grid done: all 2 combinations tried');
  });

  it('leaving mid-trial reports nothing: the lease expires and another agent runs the trial again', async () => {
    const server = inProcessServer('method: grid\nmetric: {name: loss}\nparameters: {k: {value: 1}}\n', 100);
    const leave = new AbortController();
    const leaver = runSweepAgent({
      client: server.client, sweepId: 's', agentId: 'leaver', signal: leave.signal,
      train: async (_c, ctx) => {
        await ctx.reportEpoch(1, { loss: 5 });
        leave.abort();
        // Like bench.train after Stop: the training function ends with an error.
        expect(ctx.signal.aborted).toBe(true);
        throw new Error('interrupted');
      },
    });
    expect(await leaver).toEqual({ trials: 1, reason: 'agent stopped' });
    expect(server.calls.some((c) => c.startsWith('finish:leaver'))).toBe(false);
    await sleep(150);
    const next = await runSweepAgent({ client: server.client, sweepId: 's', agentId: 'next', train: async (_c, ctx) => ((await ctx.reportEpoch(1, { loss: 2 })), 2) });
    expect(next.trials).toBe(1);
    expect(server.state().trials[0]).toMatchObject({ status: 'finished', agentId: 'next', attempt: 2, metric: 2, agents: ['leaver', 'next'] });
  });

  it('stops training when its lease was lost, and its late result is refused', async () => {
    const server = inProcessServer('method: grid\nmetric: {name: loss}\nparameters: {k: {value: 1}}\n', 60);
    const statuses: AgentStatus[] = [];
    server.faults.renew = [new SweepHttpError('down', 0), new SweepHttpError('down', 0), new SweepHttpError('down', 0), new SweepHttpError('down', 0)];
    let stolen = false;
    const result = await runSweepAgent({
      client: server.client, sweepId: 's', agentId: 'sleepy', onStatus: (s) => statuses.push(s),
      train: async (_c, ctx) => {
        await sleep(150); // renewals fail: the lease runs out
        if (!stolen) {
          stolen = true;
          await server.client.lease('s', 'thief');
        }
        await sleep(200); // the next renewal learns the lease is gone
        expect(ctx.signal.aborted).toBe(true);
        expect(await ctx.reportEpoch(1, { loss: 1 })).toMatchObject({ stop: true, reason: 'lease expired; the trial was re-issued to agent thief' });
        return 1;
      },
      maxTrials: 1,
    });
    expect(result.trials).toBe(1);
    expect(statuses.filter((s) => s.kind === 'warning').length).toBeGreaterThan(0);
    const ended = statuses.find((s) => s.kind === 'trial-ended');
    expect(ended).toMatchObject({ status: 'stopped', accepted: false, note: expect.stringMatching(/^lease expired; .*; an unfinished attempt of a lost lease is not counted$/) });
    // The trial is the thief's (or, its lease lapsed too, waiting for anyone): a complete result counts.
    expect(server.state().trials[0]).toMatchObject({ status: expect.stringMatching(/^(leased|pending)$/), attempt: 2 });
    expect(await server.client.finish('s', { agentId: 'thief', trialId: 'trial-1', status: 'finished', metric: 0 })).toEqual({ accepted: true });
  });

  it('retries an unreachable server, and fails at once on a refusal', async () => {
    const server = inProcessServer(GRID, 1000);
    server.faults.lease = [new SweepHttpError('cannot reach', 0), new SweepHttpError('HTTP 503', 503)];
    server.faults.finish = [new SweepHttpError('HTTP 502', 502)];
    const statuses: AgentStatus[] = [];
    const ok = await runSweepAgent({ client: server.client, sweepId: 's', agentId: 'a', train: async () => 1, onStatus: (s) => statuses.push(s), sleep: async () => undefined });
    expect(ok.trials).toBe(2);
    expect(statuses.filter((s) => s.kind === 'retrying').map((s) => s.kind === 'retrying' && s.what)).toEqual(['lease', 'lease', 'finish']);
    const refused = inProcessServer(GRID, 1000);
    refused.faults.lease = [new SweepHttpError('HTTP 404: sweep x not found', 404)];
    await expect(runSweepAgent({ client: refused.client, sweepId: 'x', agentId: 'a', train: async () => 1 })).rejects.toThrow('HTTP 404');
  });
});
