import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LIMITS, RunListResponse, runToWire } from '@/lib/track/api';
import { RUN_LIST_PARAMS } from '@/lib/track/run-list';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/**
 * Issue 10: GET /api/v1/runs returned every run's code snapshot and full config (468 MB for a
 * big workspace, then a 500). List rows are now lean: the params the table shows, capped, and no
 * code; the run's own endpoint still returns everything. The list is paged (limit + cursor).
 */
describe.each(BACKENDS)('the runs list is lean and paged (%s)', (backend) => {
  let s: TestServer;
  const projectId = 'lean-list';
  const hugeSource = 'x'.repeat(3_000_000); // 3 MB of code per run: under the 4 MiB run limit
  const config = {
    lr: 0.01,
    optimizer: { name: 'adam', beta1: 0.9 },
    layers: [64, 32],
    note: 'n'.repeat(1_000),
    ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`extra${String(i).padStart(3, '0')}`, i])),
  };
  const runs = Array.from({ length: 5 }, (_, i) =>
    makeRun({ projectId, createdAt: 1_000 + i, updatedAt: 1_000 + i, config, code: { cells: [{ cellId: 'c1', source: hugeSource }], sha256: 'b'.repeat(64) } }),
  );

  beforeAll(async () => {
    s = await startTestServer({ backend });
    for (const run of runs) expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
  }, 60_000);
  afterAll(async () => s?.close());

  it('lists 5 runs of 3 MB code each in a few KB: no code, params capped, everything the table shows', async () => {
    const res = await s.api(`/api/v1/runs?projectId=${projectId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeLessThan(5 * 8_000);
    const body = RunListResponse.parse(JSON.parse(text));
    expect(body.nextCursor).toBeNull();
    expect(body.runs.map((r) => r.id)).toEqual(runs.map((r) => r.id).reverse());
    const row = body.runs[0] as Record<string, unknown> & (typeof body.runs)[number];
    expect(row).not.toHaveProperty('code');
    expect(row).not.toHaveProperty('config');
    expect(row).toMatchObject({ name: runs[4].name, status: 'running', projectId, owner: 'tester', backend: 'cpu', tags: { team: 'a' } });
    // Top-level keys first: 202 of them fill the cap before `optimizer.*` is reached.
    expect(row.params).toMatchObject({ lr: 0.01, extra000: 0, extra061: 61 });
    expect(row.params).not.toHaveProperty('layers');
    expect(row.params).not.toHaveProperty('optimizer.name');
    expect(Object.keys(row.params)).toHaveLength(RUN_LIST_PARAMS.maxCount);
    expect(String(row.params.note)).toHaveLength(RUN_LIST_PARAMS.maxValueChars);
  });

  it('the run itself still has its code and whole config', async () => {
    const full = await (await s.api(`/api/v1/runs/${runs[0].id}`)).json();
    expect(full.run.code.cells[0].source).toHaveLength(hugeSource.length);
    expect(full.run.config).toEqual(config);
  });

  it('pages with limit and nextCursor, within a bounded limit', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: URLSearchParams = new URLSearchParams({ projectId, limit: '2', ...(cursor ? { cursor } : {}) });
      const page = RunListResponse.parse(await (await s.api(`/api/v1/runs?${q}`)).json());
      expect(page.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.runs.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(runs.map((r) => r.id).reverse());
    expect((await s.api(`/api/v1/runs?limit=${API_LIMITS.runListMaxLimit}`)).status).toBe(200);
    const over = await s.api(`/api/v1/runs?limit=${API_LIMITS.runListMaxLimit + 1}`);
    expect(over.status).toBe(400);
    expect((await over.json()).error.field).toBe('limit');
  });
});
