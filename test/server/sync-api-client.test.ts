import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRunListItem } from '@/lib/track/run-list';
import { createHash } from 'node:crypto';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
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
    expect(listed[0]).toEqual(toRunListItem(runs[runs.length - 1]));

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

  it('reads a server-only run: run, metric keys, history, artifacts and their bytes', async () => {
    const conn = { baseUrl: s.url, token: s.token };
    const run = makeRun();
    await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: [0, 1, 2].map((step) => ({ key: 'loss', step, value: step === 1 ? 'NaN' : 1 / (step + 1), timeMs: step })) }));
    const bytes = new TextEncoder().encode('weights');
    const meta = { id: `a-${run.id}`, runId: run.id, name: 'w.bin', kind: 'checkpoint' as const, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), createdAt: 1 };
    await s.api(`/api/v1/runs/${run.id}/artifacts/${meta.id}`, { method: 'PUT', body: bytes, headers: { [SHA256_HEADER]: meta.sha256, [ARTIFACT_META_HEADER]: encodeArtifactMeta(meta) } });

    expect(await serverApi.getRun(conn, run.id)).toEqual(run);
    expect(await serverApi.metricKeys(conn, run.id)).toEqual([{ key: 'loss', count: 3, minStep: 0, maxStep: 2, last: 1 / 3, min: 1 / 3, max: 1 }]);
    const h = await serverApi.history(conn, run.id, 'loss');
    expect(h.points.map((p) => p.value)).toEqual([1, Number.NaN, 1 / 3]);
    expect(await serverApi.artifacts(conn, run.id)).toEqual([meta]);
    expect(new TextDecoder().decode(await serverApi.artifactBytes(conn, run.id, meta.id))).toBe('weights');
    await expect(serverApi.getRun(conn, 'missing-run')).rejects.toMatchObject({ status: 404 });
  });
});

describe('mergeRuns', () => {
  it('lists each run once, newest first, preferring the newer version', () => {
    const a = makeRun({ id: 'a', createdAt: 3, updatedAt: 10 });
    const b = makeRun({ id: 'b', createdAt: 2, updatedAt: 10 });
    const c = makeRun({ id: 'c', createdAt: 1, updatedAt: 10 });
    const merged = mergeRuns([a, { ...b, status: 'running' as const }].map(toRunListItem), [{ ...b, status: 'finished' as const, updatedAt: 20 }, c, { ...a, name: 'old', updatedAt: 5 }].map(toRunListItem));
    expect(merged.map((m) => [m.run.id, m.origin])).toEqual([['a', 'both'], ['b', 'both'], ['c', 'server']]);
    expect(merged[0].run.name).toBe(a.name);
    expect(merged[1].run.status).toBe('finished');
  });
});
