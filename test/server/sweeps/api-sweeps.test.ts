import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweepAgent } from '@/lib/sweep/agent';
import { createSweepHttpClient, type SweepHttpClient } from '@/lib/sweep/http-client';
import { startStandaloneServer, type StandaloneServer } from '@/lib/server/standalone';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';

/**
 * /api/v1/sweeps on both databases, over real HTTP: the lease rules under concurrency (two app
 * instances over one database included), expiry and re-issue, late results, run_cap, Hyperband
 * across agents, stop, and the agent loop of lib/sweep/agent.ts against the real server.
 */

const RANDOM = `
method: random
metric: {name: loss, goal: minimize}
parameters:
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  units: {values: [4, 8, 16]}
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('sweeps over HTTP (%s)', (backend) => {
  let s: TestServer;
  let client: SweepHttpClient;
  /** A second app instance over the same database (same SQLite file / same PostgreSQL). */
  let twin: StandaloneServer;
  let twinClient: SweepHttpClient;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    client = createSweepHttpClient({ baseUrl: s.url, token: s.token });
    twin = await startStandaloneServer({ env: s.server.tracking.services.env, host: '127.0.0.1', port: 0, log: () => undefined });
    twinClient = createSweepHttpClient({ baseUrl: twin.url, token: s.token });
  });
  afterAll(async () => {
    await twin?.close();
    await s?.close();
  });

  const create = (spec: string | Record<string, unknown>, extra: Record<string, unknown> = {}) => client.create({ spec, ...extra });

  it('refuses an invalid spec with 422 naming the field and the line', async () => {
    const res = await s.api('/api/v1/sweeps', jsonInit('POST', { spec: 'method: random\nparameters:\n  lr: {min: 1, max: 0.1, distribution: uniform}\n  k: {values: [1], probabilities: [0.2]}\n' }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.message).toMatch(/line \d+: parameters\.(lr|k)/);
    expect(body.error.field).toMatch(/^spec\.parameters\./);
    const typo = await s.api('/api/v1/sweeps', jsonInit('POST', { spec: { method: 'random', parameter: {} } }));
    expect(typo.status).toBe(422);
    expect((await typo.json()).error.message).toMatch(/unknown key "parameter" \(did you mean "parameters"\?\)/);
    expect((await s.api('/api/v1/sweeps/nope/lease', jsonInit('POST', { agentId: 'a' }))).status).toBe(404);
    expect((await s.api('/api/v1/sweeps', { ...jsonInit('POST', { spec: RANDOM }), auth: false })).status).toBe(401);
  });

  it('stores spec, code and training function; lists summaries', async () => {
    const code = { cells: [{ cellId: 'c1', source: 'async function trainTrial(config) { return 1; }' }] };
    const sweep = await create(RANDOM, { name: 'lr search', code, functionName: 'trainTrial', projectId: 'p-sweeps' });
    expect(sweep).toMatchObject({ name: 'lr search', origin: 'server', status: 'running', specSource: RANDOM, code, functionName: 'trainTrial', runs: [] });
    expect(sweep.state.spec.parameters.lr).toMatchObject({ distribution: 'log_uniform_values' });
    expect(await client.get(sweep.id)).toEqual(sweep);
    const list = await client.list('p-sweeps');
    expect(list.map((x) => x.id)).toEqual([sweep.id]);
    expect(list[0]).toMatchObject({ method: 'random', metric: { name: 'loss', goal: 'minimize' }, trials: 0, best: null });
  });

  it('hands 20 concurrent lease requests (over two app instances) 20 distinct trials', async () => {
    const sweep = await create(RANDOM);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? twinClient : client).lease(sweep.id, `agent-${i}`)),
    );
    const trials = answers.map((a) => (a.kind === 'trial' ? a.trialId : `not a trial: ${a.kind}`));
    expect(new Set(trials).size).toBe(20);
    expect(trials.every((t) => t.startsWith('trial-'))).toBe(true);
    const state = (await client.get(sweep.id)).state;
    expect(state.trials).toHaveLength(20);
    expect(new Set(state.trials.map((t) => t.agentId)).size).toBe(20);
  });

  it('holds run_cap under concurrency: exactly run_cap trials, the rest wait, then done', async () => {
    const sweep = await create(`${RANDOM}run_cap: 5\n`);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? twinClient : client).lease(sweep.id, `agent-${i}`)));
    const leased = answers.flatMap((a, i) => (a.kind === 'trial' ? [{ agent: `agent-${i}`, trialId: a.trialId }] : []));
    expect(leased).toHaveLength(5);
    expect(new Set(leased.map((l) => l.trialId)).size).toBe(5);
    expect(answers.filter((a) => a.kind === 'wait')).toHaveLength(15);
    for (const [k, l] of leased.entries()) {
      expect(await client.finish(sweep.id, { agentId: l.agent, trialId: l.trialId, status: 'finished', metric: k / 10 })).toEqual({ accepted: true });
    }
    expect(await client.lease(sweep.id, 'late-agent')).toEqual({ kind: 'done', reason: 'run_cap of 5 trials reached' });
    const done = await client.get(sweep.id);
    expect(done).toMatchObject({ status: 'finished', reason: 'run_cap of 5 trials reached' });
    expect(done.state.trials).toHaveLength(5);
  });

  it('re-issues an expired lease; the lost agent is told to stop and its late result is not counted', async () => {
    // 1 s leases: a loaded 2-core machine took over 300 ms for the three requests after the re-issue.
    const sweep = await create(`${RANDOM}run_cap: 1\n`, { leaseMs: 1000 });
    const first = await client.lease(sweep.id, 'laptop-a');
    expect(first).toMatchObject({ kind: 'trial', trialId: 'trial-1', attempt: 1, leaseMs: 1000, metric: { name: 'loss', goal: 'minimize' } });
    expect(await client.report(sweep.id, { agentId: 'laptop-a', trialId: 'trial-1', epoch: 1, value: 0.9, runId: 'run-a' })).toEqual({ continue: true });
    expect(await client.lease(sweep.id, 'laptop-b')).toMatchObject({ kind: 'wait' });
    await sleep(1200); // laptop-a went to sleep: no renewal
    const second = await twinClient.lease(sweep.id, 'laptop-b');
    expect(second).toMatchObject({ kind: 'trial', trialId: 'trial-1', attempt: 2 });
    if (first.kind !== 'trial' || second.kind !== 'trial') throw new Error('unreachable');
    expect(second.config).toEqual(first.config);

    const renew = await client.renew(sweep.id, { agentId: 'laptop-a', trialId: 'trial-1' });
    expect(renew).toEqual({ ok: false, reason: 'lease expired; the trial was re-issued to agent laptop-b' });
    expect(await client.report(sweep.id, { agentId: 'laptop-a', trialId: 'trial-1', epoch: 2, value: 0.1, runId: 'run-a' })).toMatchObject({ stop: true });
    expect(await client.renew(sweep.id, { agentId: 'laptop-b', trialId: 'trial-1' })).toMatchObject({ ok: true });
    await client.report(sweep.id, { agentId: 'laptop-b', trialId: 'trial-1', epoch: 1, value: 0.5, runId: 'run-b' });
    expect(await client.finish(sweep.id, { agentId: 'laptop-b', trialId: 'trial-1', status: 'finished', metric: 0.4, runId: 'run-b' })).toEqual({ accepted: true });
    // laptop-a wakes up and hands in its result: refused, the trial keeps laptop-b's.
    const late = await client.finish(sweep.id, { agentId: 'laptop-a', trialId: 'trial-1', status: 'finished', metric: 0.01, runId: 'run-a' });
    expect(late).toEqual({ accepted: false, reason: 'trial already finished by agent laptop-b; this result is not counted' });
    const final = await client.get(sweep.id);
    expect(final.state.trials).toHaveLength(1);
    expect(final.state.trials[0]).toMatchObject({ status: 'finished', agentId: 'laptop-b', metric: 0.4, attempt: 2, agents: ['laptop-a', 'laptop-b'] });
    expect(final.runs.map((r) => [r.runId, r.agentId, r.attempt])).toEqual([['run-a', 'laptop-a', 1], ['run-b', 'laptop-b', 2]]);
    expect(final.status).toBe('finished');
    expect((await client.list()).find((x) => x.id === sweep.id)).toMatchObject({ best: 0.4, counts: { finished: 1 } });
  });

  it('applies Hyperband across agents and stops the worse trial with the reason', async () => {
    const sweep = await create({
      method: 'grid',
      metric: { name: 'loss', goal: 'minimize' },
      early_terminate: { type: 'hyperband', min_iter: 1, eta: 2, strict: true },
      parameters: { k: { values: [1, 2] } },
    });
    const a = await client.lease(sweep.id, 'a');
    const b = await twinClient.lease(sweep.id, 'b');
    if (a.kind !== 'trial' || b.kind !== 'trial') throw new Error('expected two trials');
    expect(await client.report(sweep.id, { agentId: 'a', trialId: a.trialId, epoch: 1, value: 0.2 })).toEqual({ continue: true });
    const answer = await client.report(sweep.id, { agentId: 'b', trialId: b.trialId, epoch: 1, value: Number.NaN });
    expect(answer).toMatchObject({ stop: true, reason: expect.stringMatching(/^hyperband: loss NaN at epoch 1 is not in the top 1\/2 of 2 trials/) });
    const state = (await client.get(sweep.id)).state;
    expect(state.trials.find((t) => t.id === b.trialId)).toMatchObject({ status: 'stopped', reason: expect.stringMatching(/^hyperband/) });
    expect(await client.finish(sweep.id, { agentId: 'b', trialId: b.trialId, status: 'stopped' })).toEqual({ accepted: true });
  });

  it('stops a sweep: running trials are told to stop, nothing more is handed out', async () => {
    const sweep = await create(RANDOM);
    const lease = await client.lease(sweep.id, 'a');
    if (lease.kind !== 'trial') throw new Error('expected a trial');
    const stopped = await client.stop(sweep.id, 'teacher ended the lesson');
    expect(stopped).toMatchObject({ status: 'stopped', reason: 'teacher ended the lesson' });
    expect(await client.report(sweep.id, { agentId: 'a', trialId: lease.trialId, epoch: 1, value: 1 })).toEqual({ stop: true, reason: 'teacher ended the lesson' });
    expect(await client.lease(sweep.id, 'b')).toEqual({ kind: 'done', reason: 'teacher ended the lesson' });
    const unknown = await s.api(`/api/v1/sweeps/${sweep.id}/renew`, jsonInit('POST', { agentId: 'a', trialId: 'trial-99' }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ field: 'trialId', message: 'no trial trial-99 in this sweep' });
    expect((await s.api(`/api/v1/sweeps/${sweep.id}/report`, jsonInit('POST', { agentId: 'a', trialId: 't', epoch: -1, value: 1 }))).status).toBe(422);
  });

  it('runs a grid with three agents (two app instances): every trial exactly once, every agent exits', async () => {
    const sweep = await create({
      method: 'grid',
      metric: { name: 'loss', goal: 'minimize' },
      early_terminate: { type: 'hyperband', min_iter: 2, eta: 2 },
      parameters: { lr: { values: [0.001, 0.01, 0.1] }, units: { values: [4, 8] } },
    }, { leaseMs: 2000 });
    const seen: string[] = [];
    const agents = ['a', 'b', 'c'].map((agentId, i) =>
      runSweepAgent({
        client: i === 1 ? twinClient : client,
        sweepId: sweep.id,
        agentId,
        async train(config, ctx) {
          seen.push(`${ctx.trialId}:${JSON.stringify(config)}`);
          ctx.linkRun(`run-${agentId}-${ctx.trialId}`);
          let loss = NaN;
          for (let epoch = 1; epoch <= 6; epoch++) {
            await sleep(5);
            loss = Math.abs(Math.log10(config.lr as number) + 2) + 4 / (config.units as number) + 1 / epoch;
            if ((await ctx.reportEpoch(epoch, { loss })).stop) break;
          }
          return { metric: loss };
        },
      }),
    );
    const results = await Promise.all(agents);
    expect(results.every((r) => r.reason === 'grid done: all 6 combinations tried')).toBe(true);
    expect(results.reduce((n, r) => n + r.trials, 0)).toBe(6);
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((x) => x.split(':')[0])).size).toBe(6);
    const final = await client.get(sweep.id);
    expect(final.status).toBe('finished');
    expect(final.state.trials.map((t) => t.status).sort()).toEqual(expect.arrayContaining(['finished']));
    expect(final.state.trials.every((t) => t.status === 'finished' || (t.status === 'stopped' && t.reason?.startsWith('hyperband')))).toBe(true);
    expect(final.runs).toHaveLength(6);
  });
});
