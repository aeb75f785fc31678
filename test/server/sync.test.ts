import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncClient, type SyncStatus } from '@/lib/track/sync';
import { readServerEnv } from '@/lib/server/env';
import { startStandaloneServer } from '@/lib/server/standalone';
import { BACKENDS, startTestServer, tempDataDir, type TestServer } from './harness';
import { makePoints, makeRun } from './fixtures';
import { MemoryRunStore } from './memory-run-store';

async function serverCount(s: TestServer, runId: string, key: string): Promise<number> {
  const res = await s.api(`/api/v1/runs/${runId}/metrics/keys`);
  if (res.status !== 200) return 0;
  return (await res.json()).keys.find((k: { key: string }) => k.key === key)?.count ?? 0;
}

describe.each(BACKENDS)('sync client against the real server (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it('ships runs, metrics in chunks and artifacts, and empties the outbox', async () => {
    const store = new MemoryRunStore();
    const run = makeRun();
    await store.putRun(run);
    for (let i = 0; i < 12; i++) await store.appendMetrics(makePoints(run.id, 'loss', 1_000, i * 1_000));
    await store.appendMetrics([{ runId: run.id, key: 'acc', step: 0, value: Number.NaN, timeMs: 5 }]);
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const meta = { id: `a-${run.id}`, runId: run.id, name: 'w.bin', kind: 'checkpoint' as const, sizeBytes: 5, sha256: createHash('sha256').update(bytes).digest('hex'), createdAt: 1 };
    await store.putArtifact(meta, bytes);
    await store.putRun({ ...run, status: 'finished', updatedAt: run.updatedAt + 1 });

    const sent: string[] = [];
    const client = createSyncClient({
      store,
      baseUrl: s.url,
      token: s.token,
      maxPointsPerRequest: 5_000,
      fetch: (input, init) => {
        sent.push(`${init?.method} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    });
    const result = await client.flushOnce();
    expect(result).toEqual({ acked: 16, remaining: 0, held: {} });
    // The newest run version only, then 12,001 points in ⌈12,001 / 5,000⌉ = 3 requests, then the artifact.
    expect(sent).toEqual([`PUT /api/v1/runs/${run.id}`, ...Array(3).fill(`POST /api/v1/runs/${run.id}/metrics`), `PUT /api/v1/runs/${run.id}/artifacts/${meta.id}`]);
    expect(await serverCount(s, run.id, 'loss')).toBe(12_000);
    expect((await (await s.api(`/api/v1/runs/${run.id}`)).json()).run.status).toBe('finished');
    const acc = await (await s.api(`/api/v1/runs/${run.id}/metrics/history?key=acc`)).json();
    expect(acc.points[0].value).toBe('NaN');
    expect(new Uint8Array(await (await s.api(`/api/v1/runs/${run.id}/artifacts/${meta.id}`)).arrayBuffer())).toEqual(bytes);
  });

  it('acks nothing the server did not acknowledge, and a retry after a lost answer stores each point once', async () => {
    const store = new MemoryRunStore();
    const run = makeRun();
    await store.putRun(run);
    await store.appendMetrics(makePoints(run.id, 'loss', 3_000));
    let calls = 0;
    // The server stores the batch, but its answer is lost on the way back.
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (++calls === 2) throw new TypeError('socket hang up');
      return res;
    };
    const client = createSyncClient({ store, baseUrl: s.url, token: s.token, fetch: lossy });
    await expect(client.flushOnce()).rejects.toThrow(/socket hang up/);
    expect(await store.outboxCount(run.id)).toBe(1); // the run entry is acked, the metrics entry is not
    expect(await serverCount(s, run.id, 'loss')).toBe(3_000);
    expect((await client.flushOnce()).remaining).toBe(0);
    expect(await serverCount(s, run.id, 'loss')).toBe(3_000);
  });

  it('splits a batch in halves when the server answers 413', async () => {
    const store = new MemoryRunStore();
    const run = makeRun();
    await store.putRun(run);
    await store.appendMetrics(makePoints(run.id, 'loss', 12_000));
    const statuses: number[] = [];
    const client = createSyncClient({
      store,
      baseUrl: s.url,
      token: s.token,
      maxPointsPerRequest: 12_000, // above the server's 10,000
      maxBytesPerRequest: 10_000_000,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        statuses.push(res.status);
        return res;
      },
    });
    expect((await client.flushOnce()).remaining).toBe(0);
    expect(statuses).toContain(413);
    expect(await serverCount(s, run.id, 'loss')).toBe(12_000);
  });

  it('holds back only the run the server refuses, and reports why', async () => {
    const store = new MemoryRunStore();
    const bad = makeRun({ name: 'x'.repeat(300) }); // over the 256-character limit
    const good = makeRun();
    await store.putRun(bad);
    await store.appendMetrics(makePoints(bad.id, 'loss', 10));
    await store.putRun(good);
    await store.appendMetrics(makePoints(good.id, 'loss', 10));
    const client = createSyncClient({ store, baseUrl: s.url, token: s.token });
    const result = await client.flushOnce();
    expect(Object.keys(result.held)).toEqual([bad.id]);
    expect(result.held[bad.id]).toMatch(/422.*name/);
    expect(await store.outboxCount(bad.id)).toBe(2); // kept, not dropped
    expect(await store.outboxCount(good.id)).toBe(0);
    expect(await serverCount(s, good.id, 'loss')).toBe(10);
  });

  it('reports a refused credential (401) and a rate limit (429) with their status, so the UI can say which; nothing is dropped', async () => {
    const store = new MemoryRunStore();
    const run = makeRun();
    await store.putRun(run);
    await store.appendMetrics(makePoints(run.id, 'loss', 10));
    const refused = createSyncClient({ store, baseUrl: s.url, token: 'not-the-token', backoffInitialMs: 50, idlePollMs: 50 });
    refused.start();
    await waitFor(() => refused.status().state === 'error', 5_000);
    await refused.stop();
    expect(refused.status()).toMatchObject({ state: 'error', lastHttpStatus: 401, queued: 2 });

    // A class server's per-student limit: 429 + Retry-After + a sentence (no student here, so the answer is stubbed).
    const limited = createSyncClient({
      store,
      baseUrl: s.url,
      backoffInitialMs: 50,
      idlePollMs: 50,
      fetch: async () => Response.json({ error: { code: 'rate_limited', message: 'at most 30 runs a minute per student' } }, { status: 429, headers: { 'retry-after': '0' } }),
    });
    limited.start();
    await waitFor(() => limited.status().state === 'offline', 5_000);
    await limited.stop();
    expect(limited.status()).toMatchObject({ state: 'offline', lastHttpStatus: 429, lastError: 'HTTP 429: at most 30 runs a minute per student', queued: 2 });

    const fixed = createSyncClient({ store, baseUrl: s.url, token: s.token });
    expect(await fixed.flushOnce()).toMatchObject({ remaining: 0 });
    expect(await serverCount(s, run.id, 'loss')).toBe(10);
  });

  it('backs off while the server is down and uploads everything once it is up', async () => {
    // Learn a free port, then leave it closed.
    const probe = await startStandaloneServer({ env: readServerEnv({ BENCHTOP_DATA_DIR: tempDataDir() }), port: 0, log: () => undefined });
    const port = probe.port;
    await probe.close();

    const store = new MemoryRunStore();
    const run = makeRun();
    await store.putRun(run);
    await store.appendMetrics(makePoints(run.id, 'loss', 2_000));
    const states: SyncStatus['state'][] = [];
    const client = createSyncClient({
      store,
      baseUrl: `http://127.0.0.1:${port}`,
      token: s.token,
      backoffInitialMs: 50,
      backoffMaxMs: 200,
      idlePollMs: 50,
      onStatus: (st) => states.push(st.state),
    });
    client.start();
    await waitFor(() => states.filter((x) => x === 'offline').length >= 3, 5_000);
    expect(client.status()).toMatchObject({ state: 'offline', queued: 2 });
    expect(client.status().lastError).toMatch(/cannot reach/);
    // Each retry while the server is down leaves the state alone: no "Syncing" flicker between them.
    expect(states.slice(states.indexOf('offline'))).not.toContain('syncing');

    // The server comes up on that port (same database as `s`, so we can count there).
    const up = await startStandaloneServer({ env: s.server.tracking.services.env, port, host: '127.0.0.1', log: () => undefined });
    try {
      await waitFor(() => client.status().state === 'idle' && client.status().queued === 0, 10_000);
      expect(await serverCount(s, run.id, 'loss')).toBe(2_000);
      expect(client.status().lastSyncedAt).toBeGreaterThan(0);
    } finally {
      await client.stop();
      await up.close();
    }
  });
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
