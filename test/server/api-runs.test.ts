import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';
import { purgeExpiredRuns } from '@/lib/server/run-query/purge';

describe.each(BACKENDS)('runs and projects over HTTP (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it('reports its database on /health without a token', async () => {
    const res = await s.api('/api/v1/health', { auth: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: backend, access: 'none' });
    expect(await (await s.api('/api/v1/health')).json()).toMatchObject({ access: 'token' });
  });

  it('stores a run with non-finite summaries and returns it unchanged', async () => {
    const run = makeRun({
      summary: { loss: { last: Number.NaN, min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, step: 9, count: 10 } },
      tags: { 'mlflow.note': 'x', team: 'b' },
    });
    const put = await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    expect(put.status).toBe(200);
    expect((await put.json()).applied).toBe(true);
    const got = await (await s.api(`/api/v1/runs/${run.id}`)).json();
    expect(got.run).toEqual(runToWire(run));
    expect(got.run.summary.loss).toEqual({ last: 'NaN', min: '-Infinity', max: 'Infinity', step: 9, count: 10 });
  });

  it('keeps the newer version when an older one arrives late (last writer by updatedAt)', async () => {
    const run = makeRun({ status: 'finished', updatedAt: 2_000 });
    await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    const stale = { ...run, status: 'running' as const, updatedAt: 1_000 };
    const res = await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(stale)));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.applied).toBe(false);
    expect(body.run.status).toBe('finished');
    // The same version again is applied (idempotent re-send).
    expect((await (await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).json()).applied).toBe(true);
  });

  it('rejects a body whose id differs from the URL, naming the field', async () => {
    const run = makeRun();
    const res = await s.api('/api/v1/runs/some-other-id', jsonInit('PUT', runToWire(run)));
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'validation_failed', field: 'id' });
  });

  it('rejects wrong types with 422 and the path of the field', async () => {
    const run = { ...runToWire(makeRun()), status: 'exploded', config: 'not an object' };
    const res = await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', run));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(['status', 'config']).toContain(error.field);
    expect(error.message).toMatch(/status|config/);
  });

  it('lists runs newest first, filters by project and pages with a cursor', async () => {
    const project = `p-${Date.now()}`;
    const runs = Array.from({ length: 5 }, (_, i) => makeRun({ projectId: project, createdAt: 10_000 + i, updatedAt: 10_000 + i }));
    for (const r of runs) expect((await s.api(`/api/v1/runs/${r.id}`, jsonInit('PUT', runToWire(r)))).status).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `projectId=${project}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await (await s.api(`/api/v1/runs?${q}`)).json();
      expect(page.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.runs.map((r: { id: string }) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(runs.map((r) => r.id).reverse());
    const bad = await s.api('/api/v1/runs?cursor=garbage');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('cursor');
    const badLimit = await s.api('/api/v1/runs?limit=0');
    expect(badLimit.status).toBe(400);
    expect((await badLimit.json()).error.field).toBe('limit');
  });

  it('soft-deletes a run (404s and leaves lists at once); purging 30 days later removes its metrics', async () => {
    const run = makeRun();
    await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: [{ key: 'loss', step: 0, value: 1, timeMs: 1 }] }));
    const { services } = s.server.tracking;
    const kysely = services.db.kysely;
    const points = async () => Number((await kysely.selectFrom('metric_points').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await points();
    expect((await s.api(`/api/v1/runs/${run.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`/api/v1/runs/${run.id}`)).status).toBe(404);
    expect((await s.api(`/api/v1/runs/${run.id}/metrics/keys`)).status).toBe(404);
    expect((await s.api(`/api/v1/runs/${run.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(((await (await s.api('/api/v1/runs?limit=500')).json()).runs as Array<{ id: string }>).map((r) => r.id)).not.toContain(run.id);
    expect(await points()).toBe(before); // restorable: nothing removed yet
    const deletedAt = Number((await kysely.selectFrom('runs').select('deleted_at').where('id', '=', run.id).executeTakeFirstOrThrow()).deleted_at);
    expect(await purgeExpiredRuns(services, deletedAt + 29 * 86_400_000)).not.toContain(run.id);
    expect(await purgeExpiredRuns(services, deletedAt + 30 * 86_400_000 + 1)).toContain(run.id);
    expect(await points()).toBe(before - 1); // no orphaned points (they carry no foreign key)
    expect(await kysely.selectFrom('runs').select('id').where('id', '=', run.id).executeTakeFirst()).toBeUndefined();
  });

  it('creates projects, lists them and refuses a duplicate name with 409', async () => {
    const name = `Project ${Date.now()}`;
    const res = await s.api('/api/v1/projects', jsonInit('POST', { name }));
    expect(res.status).toBe(201);
    const { project } = await res.json();
    expect(project.name).toBe(name);
    const list = await (await s.api('/api/v1/projects')).json();
    expect(list.projects.map((p: { id: string }) => p.id)).toContain(project.id);
    const dup = await s.api('/api/v1/projects', jsonInit('POST', { name }));
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.field).toBe('name');
  });

  it('answers unknown routes with 404 and wrong methods with 405, in JSON', async () => {
    const res = await s.api('/api/v1/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    const m = await s.api('/api/v1/projects', { method: 'DELETE' });
    expect(m.status).toBe(405);
    expect((await m.json()).error.message).toMatch(/allowed: GET, POST/);
  });
});
