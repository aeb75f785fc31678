import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSyncClient } from '@/lib/track/sync';
import { BACKENDS, tempDataDir } from './harness';
import { createTestDatabase } from './pg';
import { freePort, kill, spawnServer } from './child-server';
import { makePoints, makeRun } from './fixtures';
import { MemoryRunStore } from './memory-run-store';

const TOKEN = 'fault-test-token-0123456789abcdef';

describe.each(BACKENDS)('fault: server SIGKILLed in the middle of a sync (%s)', (backend) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('ends with every point on the server exactly once', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: TOKEN, HOST: '127.0.0.1', PORT: String(await freePort()) };
    if (backend === 'postgres') {
      const pg = await createTestDatabase();
      cleanups.push(() => pg.drop());
      env.DATABASE_URL = pg.url;
    }
    const baseUrl = `http://127.0.0.1:${env.PORT}`;
    let server = await spawnServer(env);
    cleanups.push(() => kill(server));

    const store = new MemoryRunStore();
    const run = makeRun();
    await store.putRun(run);
    const TOTAL = 50_000;
    for (let from = 0; from < TOTAL; from += 1_000) await store.appendMetrics(makePoints(run.id, 'loss', 1_000, from, (s) => s * 0.5));

    // Kill the server while a metrics request is in flight, about 40% into the sync (one kill per
    // backend keeps the suite short; each restart costs a few seconds of tsx start-up).
    let metricPosts = 0;
    const killAt = new Set([10]);
    const kills: Array<Promise<void>> = [];
    const client = createSyncClient({
      store,
      baseUrl,
      token: TOKEN,
      maxPointsPerRequest: 2_000,
      backoffInitialMs: 50,
      backoffMaxMs: 400,
      idlePollMs: 50,
      fetch: (input, init) => {
        if (init?.method === 'POST' && killAt.has(++metricPosts)) {
          const victim = server;
          kills.push(new Promise((r) => setTimeout(r, Math.random() * 15)).then(() => kill(victim)));
        }
        return fetch(input, init);
      },
    });
    client.start();
    try {
      for (let restart = 0; restart < killAt.size; restart++) {
        await waitFor(() => kills.length > restart, 60_000);
        await kills[restart];
        expect(server.signalCode).toBe('SIGKILL');
        await waitFor(() => client.status().state === 'offline', 10_000);
        server = await spawnServer(env);
      }
      await waitFor(() => client.status().state === 'idle' && client.status().queued === 0, 60_000);
    } finally {
      await client.stop();
    }

    const headers = { authorization: `Bearer ${TOKEN}` };
    const keys = await (await fetch(`${baseUrl}/api/v1/runs/${run.id}/metrics/keys`, { headers })).json();
    expect(keys.keys).toEqual([expect.objectContaining({ key: 'loss', count: TOTAL, minStep: 0, maxStep: TOTAL - 1 })]);
    const history = await (await fetch(`${baseUrl}/api/v1/runs/${run.id}/metrics/history?key=loss&maxPoints=100000`, { headers })).json();
    expect(history.downsampled).toBe(false);
    const steps: number[] = history.points.map((p: { step: number }) => p.step);
    expect(steps).toHaveLength(TOTAL);
    expect(new Set(steps).size).toBe(TOTAL);
    expect(history.points.every((p: { step: number; value: number }) => p.value === p.step * 0.5)).toBe(true);
    // Rollups written in the same transactions agree with the raw points after the crashes.
    const down = await (await fetch(`${baseUrl}/api/v1/runs/${run.id}/metrics/history?key=loss&maxPoints=500`, { headers })).json();
    expect(down.points.reduce((a: number, p: { count: number }) => a + p.count, 0)).toBe(TOTAL);
    expect(metricPosts).toBeGreaterThan(TOTAL / 2_000); // some requests were sent again
  });
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
