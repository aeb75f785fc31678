import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { ApiError, serverApi } from '@/lib/track/sync-api-client';
import { mergeRuns } from '@/lib/track/sync-merge';
import { jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';

describe('UI-side API client against the real server (sqlite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite' });
  });
  afterAll(async () => s?.close());

  it('checks health, lists server runs across pages, and shares / revokes a run', async () => {
    const conn = { baseUrl: s.url, token: s.token };
    expect(await serverApi.health(conn)).toEqual({ ok: true, database: 'sqlite', access: 'token' });
    expect((await serverApi.health({ baseUrl: s.url, token: 'wrong-token-wrong' })).access).toBe('none');

    const runs = Array.from({ length: 7 }, (_, i) => makeRun({ projectId: 'client-test', createdAt: 50_000 + i, updatedAt: 50_000 + i }));
    for (const r of runs) await s.api(`/api/v1/runs/${r.id}`, jsonInit('PUT', runToWire(r)));
    const listed = await serverApi.listRuns(conn, { projectId: 'client-test', pageSize: 3 });
    expect(listed.map((r) => r.id)).toEqual(runs.map((r) => r.id).reverse());
    expect(listed[0]).toEqual(runs[runs.length - 1]);
    expect(await serverApi.listRuns(conn, { projectId: 'client-test', pageSize: 3, max: 5 })).toHaveLength(5);

    const share = await serverApi.createShare(conn, runs[0].id);
    expect(await serverApi.listShares(conn, runs[0].id)).toEqual([share]);
    const view = await serverApi.sharedRun({ baseUrl: s.url }, share.token);
    expect(view.run.id).toBe(runs[0].id);
    await serverApi.revokeShare(conn, share.token);
    await expect(serverApi.sharedRun({ baseUrl: s.url }, share.token)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(serverApi.createShare(conn, 'not-on-server')).rejects.toBeInstanceOf(ApiError);
    await expect(serverApi.listRuns({ baseUrl: s.url })).rejects.toMatchObject({ status: 401 });
    await expect(serverApi.health({ baseUrl: 'http://127.0.0.1:1' })).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });
});

describe('mergeRuns', () => {
  it('lists each run once, newest first, preferring the newer version', () => {
    const a = makeRun({ id: 'a', createdAt: 3, updatedAt: 10 });
    const b = makeRun({ id: 'b', createdAt: 2, updatedAt: 10 });
    const c = makeRun({ id: 'c', createdAt: 1, updatedAt: 10 });
    const merged = mergeRuns([a, { ...b, status: 'running' }], [{ ...b, status: 'finished', updatedAt: 20 }, c, { ...a, name: 'old', updatedAt: 5 }]);
    expect(merged.map((m) => [m.run.id, m.origin])).toEqual([['a', 'both'], ['b', 'both'], ['c', 'server']]);
    expect(merged[0].run.name).toBe(a.name);
    expect(merged[1].run.status).toBe('finished');
  });
});
