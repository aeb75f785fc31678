import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncClient } from '@/lib/track/sync';
import { BACKENDS, startTestServer, type Backend } from '../harness';
import { makePoints, makeRun } from '../fixtures';
import { MemoryRunStore } from '../memory-run-store';
import { childServerEnv, freePort, kill, spawnServer } from '../child-server';

/**
 * Issue 10: two server processes on one SQLite data dir answered 500 "database is locked" and
 * lost 20,000 of 200,000 points. Every write transaction now takes the write lock up front
 * (BEGIN IMMEDIATE) and waits for it (busy_timeout); a wait that runs out is a 503 the sync
 * client retries. Same check over one PostgreSQL database.
 */
const TOKEN = 'two-processes-token-0123456789ab';
const CLIENTS = 8;
const POINTS_PER_CLIENT = 25_000;
const CHUNK = 1_000;

describe.each(BACKENDS)('two server processes over one data dir (%s)', (backend: Backend) => {
  const servers: ChildProcess[] = [];
  const urls: string[] = [];
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const made = await childServerEnv(backend, TOKEN);
    cleanup = made.cleanup;
    // Started together: both run the migrations at once too.
    const ports = [await freePort(), await freePort()];
    servers.push(...(await Promise.all(ports.map((port) => spawnServer({ ...made.env, PORT: String(port) })))));
    urls.push(...ports.map((port) => `http://127.0.0.1:${port}`));
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await kill(s);
    await cleanup?.();
  });

  it(`stores ${(CLIENTS * POINTS_PER_CLIENT).toLocaleString('en-US')} points from ${CLIENTS} clients split across both exactly once, with no 5xx`, async () => {
    const serverErrors: string[] = [];
    const clients = Array.from({ length: CLIENTS }, (_, i) => {
      const store = new MemoryRunStore();
      const run = makeRun();
      const baseUrl = urls[i % 2];
      const client = createSyncClient({
        store,
        baseUrl,
        token: TOKEN,
        maxPointsPerRequest: 2_500,
        backoffInitialMs: 50,
        backoffMaxMs: 500,
        idlePollMs: 20,
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (res.status >= 500) serverErrors.push(`${init?.method} ${String(input)} → ${res.status}`);
          return res;
        },
      });
      return { store, run, client };
    });

    // Every client logs its points in chunks and rewrites its run record (the summary) after
    // each: run upserts (read, then write) race metric batches in the other process.
    await Promise.all(clients.map(({ client }) => client.start()));
    await Promise.all(
      clients.map(async ({ store, run, client }) => {
        await store.putRun(run);
        for (let from = 0; from < POINTS_PER_CLIENT; from += CHUNK) {
          await store.appendMetrics(makePoints(run.id, 'loss', CHUNK, from, (s) => s / 2));
          await store.putRun({ ...run, summary: { loss: { last: from, min: 0, max: from, step: from, count: from + CHUNK } }, updatedAt: run.updatedAt + from + 1 });
          client.kick();
          await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    const deadline = Date.now() + 90_000;
    while (clients.some(({ client }) => client.status().queued > 0 || client.status().state !== 'idle')) {
      if (Date.now() > deadline) throw new Error(`sync did not finish: ${JSON.stringify(clients.map(({ client }) => client.status()))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(clients.map(({ client }) => client.stop()));

    expect(serverErrors).toEqual([]);
    const headers = { authorization: `Bearer ${TOKEN}` };
    for (const [i, { run }] of clients.entries()) {
      // Read through the other process than the one it wrote to: both see the same data.
      const base = urls[(i + 1) % 2];
      const keys = await (await fetch(`${base}/api/v1/runs/${run.id}/metrics/keys`, { headers })).json();
      expect(keys.keys).toEqual([expect.objectContaining({ key: 'loss', count: POINTS_PER_CLIENT, minStep: 0, maxStep: POINTS_PER_CLIENT - 1 })]);
      const down = await (await fetch(`${base}/api/v1/runs/${run.id}/metrics/history?key=loss&maxPoints=100`, { headers })).json();
      expect(down.points.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(POINTS_PER_CLIENT);
      const stored = await (await fetch(`${base}/api/v1/runs/${run.id}`, { headers })).json();
      expect(stored.run.summary.loss.count).toBe(POINTS_PER_CLIENT);
    }
  }, 120_000);
});

describe('a write the database is too busy to take (sqlite)', () => {
  it('is a 503 with Retry-After, and the sync client sends it again until it is stored', async () => {
    const s = await startTestServer({ backend: 'sqlite' });
    const other = new BetterSqlite3(path.join(s.dataDir, 'benchtop.sqlite'));
    try {
      // Another process holds the write lock longer than the server's busy_timeout (5 s).
      other.exec('BEGIN IMMEDIATE');
      const store = new MemoryRunStore();
      const run = makeRun();
      await store.putRun(run);
      await store.appendMetrics(makePoints(run.id, 'loss', 100));
      const answers: Array<{ status: number; retryAfter: string | null }> = [];
      const client = createSyncClient({
        store,
        baseUrl: s.url,
        token: s.token,
        backoffInitialMs: 50,
        idlePollMs: 20,
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          answers.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
          return res;
        },
      });
      client.start();
      const deadline = Date.now() + 20_000;
      while (!answers.some((a) => a.status === 503)) {
        if (Date.now() > deadline) throw new Error(`no 503 came: ${JSON.stringify(answers)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      other.exec('COMMIT');
      while (client.status().queued > 0 || client.status().state !== 'idle') {
        if (Date.now() > deadline) throw new Error(`sync did not finish: ${JSON.stringify(client.status())}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await client.stop();
      expect(answers.filter((a) => a.status >= 500)).toEqual([{ status: 503, retryAfter: '1' }]);
      const keys = await (await s.api(`/api/v1/runs/${run.id}/metrics/keys`)).json();
      expect(keys.keys).toEqual([expect.objectContaining({ key: 'loss', count: 100 })]);
    } finally {
      other.close();
      await s.close();
    }
  }, 30_000);
});
