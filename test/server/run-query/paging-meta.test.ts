import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunColumns, RunGroups, RunQueryResult, RunRow } from '@/lib/track/run-query';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { mlflowRest } from '../mlflow/helpers';
import { putRuns, queryFixtureRuns } from './seed-runs';
import { planRunQuery } from '@/lib/server/run-query/plan';
import { countRuns } from '@/lib/server/run-query/count';

const P = 'fpage';

describe.each(BACKENDS)('runs query: sort, cursor paging, meta, soft delete, export (%s)', (backend) => {
  let s: TestServer;
  const query = async (params: string) => {
    const res = await s.api(`/api/v1/runs/query?${params}`);
    expect(res.status, `${params}: ${res.status}`).toBe(200);
    return RunQueryResult.parse(await res.json());
  };
  /** Every page of a query, by cursor. */
  const pages = async (params: string, limit: number, between?: (page: number) => Promise<void>) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    let total = -1;
    do {
      const body = await query(`${params}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (total < 0) total = body.total;
      expect(body.rows.length).toBeLessThanOrEqual(limit);
      ids.push(...body.rows.map((r) => r.id));
      cursor = body.nextCursor;
      if (cursor) await between?.(++page);
    } while (cursor);
    return { ids, total };
  };

  beforeAll(async () => {
    s = await startTestServer({ backend });
    await putRuns(s, queryFixtureRuns(P));
  });
  afterAll(async () => s?.close());

  it.each([
    ['-createdAt'],
    ['name'],
    ['-metrics.loss'],
    ['metrics.loss.min,-name'],
    ['params.lr,-createdAt'],
    ['-params.mixed'],
    ['owner,metrics.val/acc'],
    ['-finishedAt'],
    ['tags.baseline,params.opt'],
  ])('pages sort %s by cursor with no duplicates or gaps, in the order of one big page', async (sort) => {
    const base = `filter=${encodeURIComponent(`project = ${P}`)}&sort=${encodeURIComponent(sort)}`;
    const whole = await query(`${base}&limit=500`);
    expect(whole).toMatchObject({ total: 30, totalExact: true, nextCursor: null });
    for (const limit of [1, 4, 7]) {
      const { ids, total } = await pages(base, limit);
      expect(total).toBe(30);
      expect(ids).toEqual(whole.rows.map((r) => r.id));
    }
  });

  it('counts exactly up to the cap, then says the total is a lower bound', async () => {
    const { kysely } = s.server.tracking.services.db;
    const where = planRunQuery({ filter: `project = ${P}`, includeDeleted: false }, backend).where;
    expect(await countRuns(kysely, where, 30)).toEqual({ total: 30, exact: true });
    expect(await countRuns(kysely, where, 29)).toEqual({ total: 29, exact: false });
  });

  it('sorts numbers as numbers, missing values last in either direction, ties by id', async () => {
    const rows = (await query(`filter=${encodeURIComponent(`project = ${P}`)}&sort=-metrics.loss&limit=500`)).rows;
    const lasts = rows.map((r) => r.metrics.loss?.last);
    expect(lasts[0]).toBe(Number.POSITIVE_INFINITY);
    const finite = lasts.filter((v): v is number => v !== undefined && !Number.isNaN(v));
    expect(finite).toEqual([...finite].sort((a, b) => b - a));
    // Runs without the metric (or with NaN) come after every run with a value.
    const firstMissing = lasts.findIndex((v) => v === undefined || Number.isNaN(v));
    expect(lasts.slice(firstMissing).every((v) => v === undefined || Number.isNaN(v))).toBe(true);
    const asc = (await query(`filter=${encodeURIComponent(`project = ${P}`)}&sort=params.lr&limit=500`)).rows;
    const lrs = asc.map((r) => r.params.lr);
    expect(lrs.slice(0, 26)).toEqual([...lrs.slice(0, 26)].sort((a, b) => Number(a) - Number(b)));
    expect(lrs.slice(26)).toEqual([undefined, undefined, undefined, undefined]);
    const byCreated = (await query(`filter=${encodeURIComponent(`project = ${P}`)}&sort=createdAt&limit=2`)).rows.map((r) => r.id);
    expect(byCreated).toEqual([`${P}-00`, `${P}-01`]); // tied createdAt: by id
  });

  it('pages without duplicates or gaps while runs are inserted between pages', async () => {
    const prefix = `${P}ins`;
    await putRuns(s, Array.from({ length: 12 }, (_, i) => makeRun({ id: `${prefix}-${i}`, projectId: prefix, createdAt: 1_000_000 + i * 10, summary: { loss: { last: i, min: i, max: i, step: 1, count: 1 } } })));
    let added = 0;
    const { ids } = await pages(`filter=${encodeURIComponent(`project = ${prefix}`)}&sort=-metrics.loss`, 3, async () => {
      // One run that sorts before the cursor (never shown: it is behind us) and one after it.
      added++;
      await putRuns(s, [
        makeRun({ id: `${prefix}-hi${added}`, projectId: prefix, summary: { loss: { last: 100 + added, min: 0, max: 0, step: 1, count: 1 } } }),
        makeRun({ id: `${prefix}-lo${added}`, projectId: prefix, summary: { loss: { last: -added, min: 0, max: 0, step: 1, count: 1 } } }),
      ]);
    });
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 0; i < 12; i++) expect(ids).toContain(`${prefix}-${i}`);
    expect(ids.filter((id) => id.includes('-hi'))).toEqual([]);
    expect(ids.filter((id) => id.includes('-lo')).length).toBe(added);
  });

  it('refuses a cursor of another query and a made-up one with 400 naming cursor', async () => {
    const first = await query(`sort=name&limit=2`);
    const other = await s.api(`/api/v1/runs/query?sort=-name&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(other.status).toBe(400);
    expect((await other.json()).error).toMatchObject({ field: 'cursor', message: expect.stringMatching(/another filter or sort/) });
    const garbage = await s.api('/api/v1/runs/query?cursor=eyJ0IjoiYSJ9');
    expect(garbage.status).toBe(400);
    expect((await s.api('/api/v1/runs/query?limit=501')).status).toBe(400);
  });

  it('returns only the requested columns', async () => {
    const body = await query(`filter=${encodeURIComponent(`project = ${P}`)}&columns=params.lr,metrics.loss.min&limit=3&sort=id`);
    for (const r of body.rows) {
      expect(Object.keys(r.params).every((k) => k === 'lr')).toBe(true);
      expect(Object.keys(r.metrics).every((k) => k === 'loss')).toBe(true);
    }
    expect((await s.api('/api/v1/runs/query?columns=nope.x')).status).toBe(400);
  });

  it('lists columns and groups with counts and mean/min/max', async () => {
    const cols = RunColumns.parse(await (await s.api(`/api/v1/runs/columns?filter=${encodeURIComponent(`project = ${P}`)}`)).json());
    expect(cols.params).toEqual(['flag', 'lr', 'mixed', 'nested.depth', 'opt', 'seed']);
    expect(cols.metrics).toEqual(['loss', 'val/acc']);
    expect(cols.tags).toEqual(['baseline', 'team']);
    // Unfiltered: the index skip scan answers every key of the workspace, sorted.
    const every = RunColumns.parse(await (await s.api('/api/v1/runs/columns')).json());
    expect(every.params).toEqual(expect.arrayContaining(cols.params));
    expect(every.params).toEqual([...new Set(every.params)].sort());
    expect(every.metrics).toEqual(expect.arrayContaining(['loss', 'val/acc']));
    const res = await s.api(`/api/v1/runs/groups?by=params.opt&metrics=val/acc,nope&filter=${encodeURIComponent(`project = ${P}`)}`);
    expect(res.status).toBe(200);
    const groups = RunGroups.parse(await res.json());
    const adam = groups.groups.find((g) => g.key === 'adam')!;
    const evens = Array.from({ length: 15 }, (_, k) => (2 * k) / 30);
    expect(adam.count).toBe(15);
    expect(adam.metrics['val/acc'].mean).toBeCloseTo(evens.reduce((a, b) => a + b) / 15, 10);
    expect(adam.metrics['val/acc'].max).toBeCloseTo(28 / 30, 10);
    expect(adam.metrics.nope).toEqual({ mean: null, min: null, max: null });
    const byLr = RunGroups.parse(await (await s.api(`/api/v1/runs/groups?by=params.lr&filter=${encodeURIComponent(`project = ${P}`)}`)).json());
    expect(byLr.groups.find((g) => g.missing)).toMatchObject({ key: '', count: 5 });
    expect((await s.api('/api/v1/runs/groups?by=metrics.loss')).status).toBe(400);
  });

  it('renames, retags and annotates a run (markdown notes), refusing oversized notes and unknown fields', async () => {
    const id = `${P}-04`;
    const res = await s.api(`/api/v1/runs/${id}/meta`, jsonInit('PUT', { name: 'renamed', tags: { keep: 'me' }, notes: '# Why\n*fast*' }));
    expect(res.status).toBe(200);
    const row = RunRow.parse(await res.json());
    expect(row).toMatchObject({ id, name: 'renamed', tags: { keep: 'me' }, notes: '# Why\n*fast*' });
    expect((await query(`filter=${encodeURIComponent('notes ~ "fast" and tags.keep = me')}`)).rows.map((r) => r.id)).toEqual([id]);
    // The run itself (GET /runs/:id) sees the rename and tags too.
    expect((await (await s.api(`/api/v1/runs/${id}`)).json()).run).toMatchObject({ name: 'renamed', tags: { keep: 'me' } });
    const big = await s.api(`/api/v1/runs/${id}/meta`, jsonInit('PUT', { notes: 'x'.repeat(65_537) }));
    expect(big.status).toBe(422);
    expect((await big.json()).error.message).toMatch(/65536 bytes/);
    expect((await s.api(`/api/v1/runs/${id}/meta`, jsonInit('PUT', { owner: 'me' }))).status).toBe(422);
    expect((await s.api('/api/v1/runs/nope-nope/meta', jsonInit('PUT', { name: 'x' }))).status).toBe(404);
    const cleared = RunRow.parse(await (await s.api(`/api/v1/runs/${id}/meta`, jsonInit('PUT', { notes: null }))).json());
    expect(cleared).toMatchObject({ name: 'renamed', notes: null, tags: { keep: 'me' } });
  });

  it('soft-deletes, hides from every list, shows with includeDeleted, restores; bulk delete/restore/tag/untag', async () => {
    const id = `${P}-05`;
    expect((await s.api(`/api/v1/runs/${id}`, { method: 'DELETE' })).status).toBe(204);
    const visible = async () => (await query(`filter=${encodeURIComponent(`project = ${P}`)}&limit=500`)).rows.map((r) => r.id);
    expect(await visible()).not.toContain(id);
    const oldList = (await (await s.api(`/api/v1/runs?projectId=${P}&limit=500`)).json()).runs.map((r: { id: string }) => r.id);
    expect(oldList).not.toContain(id);
    const trash = await query(`includeDeleted=true&filter=${encodeURIComponent(`project = ${P} and deletedAt`)}`);
    expect(trash.rows.map((r) => r.id)).toEqual([id]);
    expect(trash.rows[0].deletedAt).toBeGreaterThan(0);
    const restored = await s.api(`/api/v1/runs/${id}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    expect(RunRow.parse(await restored.json()).deletedAt).toBeNull();
    expect((await s.api('/api/v1/runs/no-such-run/restore', { method: 'POST' })).status).toBe(404);
    expect(await visible()).toContain(id);

    const ids = [`${P}-06`, `${P}-07`, 'no-such-run'];
    const bulk = async (body: unknown) => {
      const res = await s.api('/api/v1/runs/bulk', jsonInit('POST', body));
      expect(res.status).toBe(200);
      return res.json();
    };
    expect(await bulk({ action: 'delete', ids })).toEqual({ changed: 2, missing: ['no-such-run'] });
    expect(await bulk({ action: 'delete', ids })).toEqual({ changed: 0, missing: ['no-such-run'] });
    expect(await visible()).not.toContain(`${P}-06`);
    expect(await bulk({ action: 'restore', ids })).toEqual({ changed: 2, missing: ['no-such-run'] });
    expect(await bulk({ action: 'tag', ids, tag: { key: 'picked', value: 'yes' } })).toMatchObject({ changed: 2 });
    expect((await query(`filter=${encodeURIComponent('tags.picked = yes')}`)).rows.map((r) => r.id).sort()).toEqual(ids.slice(0, 2));
    expect(await bulk({ action: 'untag', ids, tag: { key: 'picked' } })).toMatchObject({ changed: 2 });
    expect((await query(`filter=${encodeURIComponent('tags.picked')}`)).total).toBe(0);
    const tooMany = await s.api('/api/v1/runs/bulk', jsonInit('POST', { action: 'delete', ids: Array.from({ length: 1001 }, (_, i) => `r${i}`) }));
    expect(tooMany.status).toBe(422);
    expect((await s.api('/api/v1/runs/bulk', jsonInit('POST', { action: 'tag', ids }))).status).toBe(422);
  });

  it('filters MLflow-logged params and metrics (their writers keep the query tables too)', async () => {
    const mlflow = mlflowRest(s);
    const { experiment_id } = await mlflow.ok('experiments/create', { name: `rq-${backend}-${Date.now()}` });
    const { run } = await mlflow.ok('runs/create', { experiment_id, run_name: 'from-python', start_time: 1 });
    const runId = run.info.run_id as string;
    await mlflow.ok('runs/log-parameter', { run_id: runId, key: 'mlf_lr', value: '0.003' });
    await mlflow.ok('runs/log-metric', { run_id: runId, key: 'mlf_acc', value: 0.93, timestamp: 5, step: 1 });
    const found = await query(`filter=${encodeURIComponent('params.mlf_lr < 0.01 and metrics.mlf_acc > 0.9')}`);
    expect(found.rows.map((r) => r.id)).toEqual([runId]);
    expect(found.rows[0]).toMatchObject({ params: { mlf_lr: 0.003 }, metrics: { mlf_acc: { last: 0.93, min: 0.93, max: 0.93 } } });
  });

  it('exports the filtered table as CSV and JSON (streamed) and a run’s metrics as CSV', async () => {
    const filter = encodeURIComponent(`project = ${P} and params.opt = adam`);
    const csv = await s.api(`/api/v1/runs/query.csv?filter=${filter}&sort=id`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,status,owner,projectId,sweepId,createdAt,updatedAt,finishedAt,deletedAt,backend,notes,tags,params.flag,params.lr,params.mixed,params.nested.depth,params.opt,params.seed,metrics.loss.last,metrics.loss.min,metrics.loss.max,metrics.val/acc.last,metrics.val/acc.min,metrics.val/acc.max');
    expect(lines).toHaveLength(16);
    expect(lines[1].startsWith(`${P}-00,`)).toBe(true);
    const json = await s.api(`/api/v1/runs/query.json?filter=${filter}`);
    const rows = RunRow.array().parse(await json.json());
    expect(rows).toHaveLength(15);

    const id = `${P}-02`;
    await s.api(`/api/v1/runs/${id}/metrics`, jsonInit('POST', { points: [{ key: 'loss', step: 0, value: 1.5, timeMs: 10 }, { key: 'loss', step: 1, value: 'NaN', timeMs: 11 }, { key: 'a,b', step: 0, value: 2, timeMs: 12 }] }));
    const m = await s.api(`/api/v1/runs/${id}/metrics.csv`);
    expect(m.status).toBe(200);
    expect(await m.text()).toBe('key,step,time_ms,value\r\n"a,b",0,12,2\r\nloss,0,10,1.5\r\nloss,1,11,NaN\r\n');
    expect((await s.api('/api/v1/runs/nope-nope/metrics.csv')).status).toBe(404);
  });
});
