import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import { openIdbRunStore } from '@/lib/track/idb-store';
import { workspaceCompareSource } from '@/components/compare/compare-source';
import { firstRunSource } from '@/lib/track/run-source/first-run-source';
import { localRunSource } from '@/lib/track/run-source/local-run-source';
import type { RunHistory, RunSnapshot } from '@/lib/track/run-source/run-source';
import { serverRunSource, sharedRunSource } from '@/lib/track/run-source/server-run-source';
import type { Artifact, MetricPoint } from '@/lib/track/schemas';
import { freshDbName } from '../unit/track/fixtures';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';

/** 5,000 steps of loss with a NaN and a spike, and 3 points of val/acc. */
function pointsOf(runId: string): MetricPoint[] {
  const loss = Array.from({ length: 5_000 }, (_, step) => ({ runId, key: 'loss', step, value: step === 10 ? Number.NaN : step === 2_345 ? 50 : 1 / (step + 1), timeMs: 1_000 + step }));
  const acc = [0, 1, 2].map((step) => ({ runId, key: 'val/acc', step, value: 0.5 + step / 10, timeMs: 2_000 + step }));
  return [...loss, ...acc];
}

/** What every downsampled answer must keep: at most maxPoints points, each bucket's band around its value, the spike. */
function expectFaithful(h: RunHistory, maxPoints: number): void {
  expect(h.downsampled).toBe(true);
  expect(h.points.length).toBeLessThanOrEqual(maxPoints);
  expect(h.points.reduce((n, p) => n + (p.count ?? 1), 0)).toBe(5_000);
  for (const p of h.points) if (!Number.isNaN(p.value)) expect(p.min! <= p.value && p.value <= p.max!).toBe(true);
  expect(Math.max(...h.points.map((p) => p.max!))).toBe(50);
  expect(h.points.at(-1)).toMatchObject({ step: 4_999, value: 1 / 5_000 });
}

const comparable = (s: RunSnapshot | null) => s && { run: s.run, metricKeys: s.metricKeys.map((k) => ({ ...k })), artifacts: s.artifacts };

describe.each(BACKENDS)('one run read model: local, server and share-link sources agree (%s)', (backend) => {
  let s: TestServer;
  const run = makeRun({ status: 'finished', finishedAt: Date.now() });
  const bytes = new TextEncoder().encode('weights');
  const artifact: Artifact = { id: `a-${run.id}`, runId: run.id, name: 'w.bin', kind: 'checkpoint', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), createdAt: 1 };
  const local = openIdbRunStore(freshDbName());
  let token = '';

  beforeAll(async () => {
    s = await startTestServer({ backend });
    const store = await local;
    await store.putRun(run);
    await store.appendMetrics(pointsOf(run.id));
    await store.putArtifact(artifact, bytes);
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBeLessThan(300);
    expect((await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: pointsOf(run.id).map((p) => ({ ...p, value: Number.isNaN(p.value) ? 'NaN' : p.value })) }))).status).toBeLessThan(300);
    await s.api(`/api/v1/runs/${run.id}/artifacts/${artifact.id}`, { method: 'PUT', body: bytes, headers: { [SHA256_HEADER]: artifact.sha256, [ARTIFACT_META_HEADER]: encodeArtifactMeta(artifact) } });
    token = ((await (await s.api(`/api/v1/runs/${run.id}/shares`, { method: 'POST' })).json()) as { share: { token: string } }).share.token;
  });
  afterAll(async () => {
    (await local).close();
    await s?.close();
  });

  const sources = () => ({
    local: localRunSource({ runId: run.id, store: () => local }),
    server: serverRunSource(run.id, { baseUrl: s.url, token: s.token }),
    share: sharedRunSource(token, { baseUrl: s.url }),
  });

  it('loads the same run, metric summaries (NaN ignored by min/max) and files from each source', async () => {
    const snaps = Object.fromEntries(await Promise.all(Object.entries(sources()).map(async ([name, src]) => [name, await src.load()] as const)));
    expect(snaps.local?.origin).toBe('local');
    expect(snaps.server?.origin).toBe('server');
    expect(snaps.share?.origin).toBe('share');
    expect(snaps.local!.metricKeys).toEqual([
      { key: 'loss', count: 5_000, last: 1 / 5_000, min: 1 / 5_000, max: 50 },
      { key: 'val/acc', count: 3, last: 0.7, min: 0.5, max: 0.7 },
    ]);
    // The server's keys carry their step range too: compare what the page shows.
    const pick = (s: RunSnapshot | null) => ({ ...comparable(s), metricKeys: s!.metricKeys.map(({ key, count, last, min, max }) => ({ key, count, last, min, max })) });
    expect(pick(snaps.server)).toEqual(pick(snaps.local));
    // A share link without code leaves it out, and says so.
    expect(snaps.share!.includeCode).toBe(false);
    expect(snaps.share!.run.code).toBeNull();
    expect({ ...pick(snaps.share), run: { ...snaps.share!.run, code: run.code } }).toEqual(pick(snaps.local));
  });

  it('reads history downsampled the same way (≤ maxPoints, bands keep the spike), raw when it fits', async () => {
    for (const [name, src] of Object.entries(sources())) {
      expectFaithful(await src.history('loss', 500), 500);
      const raw = await src.history('val/acc', 500);
      expect(raw, name).toMatchObject({ key: 'val/acc', downsampled: false, bucketWidth: 1 });
      expect(raw.points.map((p) => [p.step, p.value, p.timeMs]), name).toEqual([[0, 0.5, 2_000], [1, 0.6, 2_001], [2, 0.7, 2_002]]);
    }
  });

  it('downloads a file from each source (a share link by plain URL)', async () => {
    const { local: l, server, share } = sources();
    expect(share.artifactHref(artifact)).toMatch(new RegExp(`/api/v1/shares/${token}/artifacts/`));
    expect(server.artifactHref(artifact)).toBeUndefined();
    for (const src of [l, server, share]) expect(new TextDecoder().decode(await src.download(artifact))).toBe('weights');
  });

  it('answers null (not an error) for a run the source does not hold; the first source holding it wins', async () => {
    const conn = { baseUrl: s.url, token: s.token };
    expect(await serverRunSource('no-such-run', conn).load()).toBeNull();
    expect(await sharedRunSource('no-such-token-000000000000', { baseUrl: s.url }).load()).toBeNull();
    expect(await localRunSource({ runId: 'no-such-run', store: () => local }).load()).toBeNull();

    // Only on the server: the local source misses, the server's answers and serves the reads after it.
    const serverOnly = makeRun();
    await s.api(`/api/v1/runs/${serverOnly.id}`, jsonInit('PUT', runToWire(serverOnly)));
    const chain = firstRunSource([localRunSource({ runId: serverOnly.id, store: () => local }), serverRunSource(serverOnly.id, conn)]);
    expect((await chain.load())?.origin).toBe('server');
    expect(chain.liveMs).toBe(3_000);
    expect(await firstRunSource([localRunSource({ runId: 'nowhere', store: () => local }), serverRunSource('nowhere', conn)]).load()).toBeNull();
    // Server down: the chain fails only when the browser did not have the run.
    const down = { baseUrl: 'http://127.0.0.1:1' };
    expect((await firstRunSource([localRunSource({ runId: run.id, store: () => local }), serverRunSource(run.id, down)]).load())?.origin).toBe('local');
    await expect(firstRunSource([localRunSource({ runId: 'nowhere', store: () => local }), serverRunSource('nowhere', down)]).load()).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('compares a run only this browser has beside server runs (the compare view\'s sources: local first, then server)', async () => {
    const conn = { baseUrl: s.url, token: s.token };
    const store = await local;
    const localOnly = makeRun({ name: 'not synced yet', config: { lr: 0.5 } });
    await store.putRun(localOnly);
    await store.appendMetrics(pointsOf(localOnly.id));
    const runSourceOf = (runId: string) => firstRunSource([localRunSource({ runId, store: () => local }), serverRunSource(runId, conn)]);
    const compare = workspaceCompareSource(conn, { ids: [run.id, localOnly.id, 'nowhere'] }, runSourceOf);
    const loaded = await compare.loadRuns();
    expect(loaded.runs.map((r) => [r.name, r.params.lr])).toEqual([[run.name, 0.01], ['not synced yet', 0.5]]);
    expect(loaded.runs[1].metrics.loss).toEqual({ last: 1 / 5_000, min: 1 / 5_000, max: 50 });
    expect(loaded.missing).toEqual(['nowhere']);
    expectFaithful(await compare.history(localOnly.id, 'loss', 200), 200);
    // The server alone (the default) does not know the local run.
    expect((await workspaceCompareSource(conn, { ids: [localOnly.id] }).loadRuns()).missing).toEqual([localOnly.id]);
  });
});
