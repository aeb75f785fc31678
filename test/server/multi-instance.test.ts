import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { CreateSweepRequest } from '@/lib/sweep/api';
import { startStandaloneServer, type StandaloneServer } from '@/lib/server/standalone';
import { sweepsRepo } from '@/lib/server/sweeps/repo';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 10, many instances over one database: two app instances (two servers with their own
 * connection pools, as two processes would have) writing the same things at once. Each case
 * failed before its fix: an older run version landed last, a raced project name lost its field,
 * a run deleted mid-ingest left 4,000 orphan points (and 500s), an instance with a fast clock
 * re-issued a live trial. The same across real processes: test/e2e/two-instances.e2e.ts.
 */

describe.each(BACKENDS)('two app instances over one database (%s)', (backend) => {
  let s: TestServer;
  let twin: StandaloneServer;
  const viaTwin = (pathname: string, init: RequestInit) =>
    fetch(twin.url + pathname, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${s.token}` } });

  beforeAll(async () => {
    s = await startTestServer({ backend });
    twin = await startStandaloneServer({ env: s.server.tracking.services.env, host: '127.0.0.1', port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await twin?.close();
    await s?.close();
  });

  it('applies concurrent writes of one run from both instances without an error, newest version last', async () => {
    const base = makeRun({ tags: { a: '1', b: '2', c: '3' } });
    const versions = Array.from({ length: 40 }, (_, i) => ({ ...base, name: `v${i}`, updatedAt: base.updatedAt + i, tags: { a: `${i}`, b: '2', c: '3' } }));
    const answers = await Promise.all(
      versions.map((v, i) => (i % 2 ? viaTwin : s.api)(`/api/v1/runs/${v.id}`, jsonInit('PUT', runToWire(v)))),
    );
    expect(answers.map((r) => r.status)).toEqual(versions.map(() => 200));
    const stored = (await (await s.api(`/api/v1/runs/${base.id}`)).json()).run;
    expect(stored.name).toBe('v39');
    expect(stored.tags).toEqual({ a: '39', b: '2', c: '3' });
  });

  it('creates a project named twice at once from both instances once, the other answers 409', async () => {
    const name = `race-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? viaTwin : s.api)('/api/v1/projects', jsonInit('POST', { id: `p-race-${i}-${Date.now()}`, name }))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(409)]);
    const conflict = await answers.find((r) => r.status === 409)!.json();
    expect(conflict.error).toMatchObject({ code: 'conflict', field: 'name' });
    const listed = (await (await s.api('/api/v1/projects')).json()).projects.filter((p: { name: string }) => p.name === name);
    expect(listed).toHaveLength(1);
  });

  it('leaves no orphan points when a run is deleted through one instance while another ingests into it', async () => {
    for (let round = 0; round < 8; round++) {
      const run = makeRun();
      await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
      const batch = (from: number) => ({ series: [{ key: 'loss', steps: Array.from({ length: 500 }, (_, k) => from + k), values: Array(500).fill(1), timesMs: Array(500).fill(1) }] });
      const writes = Array.from({ length: 8 }, (_, i) => (i % 2 ? viaTwin : s.api)(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', batch(i * 500))));
      // The delete lands at a different moment of the ingest each round.
      const del = sleep(round * 4).then(() => viaTwin(`/api/v1/runs/${run.id}`, { method: 'DELETE' }));
      const statuses = (await Promise.all([...writes, del])).map((r) => r.status);
      expect(statuses.slice(0, -1).every((st) => st === 200 || st === 404), `ingest answers ${statuses}`).toBe(true);
      expect(statuses.at(-1)).toBe(204);
      expect((await s.api(`/api/v1/runs/${run.id}`)).status).toBe(404);
    }
    const { kysely } = s.server.tracking.services.db;
    const orphans = await kysely
      .selectFrom('metric_points')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('series_id', 'not in', kysely.selectFrom('metric_series').select('id'))
      .executeTakeFirstOrThrow();
    expect(Number(orphans.n)).toBe(0);
  });

  // Instances on different hosts disagree about the time; a lease must not end early because
  // the instance answering the next agent runs fast. PostgreSQL's clock is the one they share.
  it.runIf(backend === 'postgres')('measures leases by the database clock, so an instance whose clock runs a minute fast re-issues nothing', async () => {
    const { db } = s.server.tracking.services;
    const onTime = sweepsRepo(db);
    const fast = sweepsRepo(db, { processNowMs: () => Date.now() + 60_000 });
    const sweep = await onTime.create(CreateSweepRequest.parse({ spec: { method: 'grid', parameters: { k: { values: [1, 2] } } }, leaseMs: 30_000 }));
    const first = await onTime.lease(sweep.id, 'agent-a');
    const second = await fast.lease(sweep.id, 'agent-b');
    expect(first.kind).toBe('trial');
    expect(second.kind).toBe('trial');
    expect(second.kind === 'trial' && first.kind === 'trial' && second.trialId !== first.trialId).toBe(true);
    expect(await fast.renew(sweep.id, { agentId: 'agent-a', trialId: first.kind === 'trial' ? first.trialId : '' })).toMatchObject({ ok: true });
  });
});
