import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerEnv } from '@/lib/server/env';
import { createServices } from '@/lib/server/services';
import { BACKENDS, type Backend } from '../harness';
import { makeRun } from '../fixtures';
import { childServerEnv, freePort, kill, memoryOf, resetPeak, spawnServer } from '../child-server';

/**
 * BIG MEMORY: a 1M-point metric. Issue 10: MLflow's get-history without max_results (the whole
 * history, as MLflow answers it) took 700 MB of server memory. It now streams the JSON page by
 * page from the database. The server is a child process so its peak RSS (/proc VmHWM) is its own.
 */
const TOKEN = 'long-history-token-0123456789abc';
const POINTS = 1_000_000;
const BATCH = 50_000;
const MB = 1_000_000;

describe.each(BACKENDS)('a 1M-point metric history (%s)', (backend: Backend) => {
  let server: ChildProcess;
  let baseUrl: string;
  let cleanup: () => Promise<void>;
  const run = makeRun();

  beforeAll(async () => {
    const made = await childServerEnv(backend, TOKEN);
    cleanup = made.cleanup;
    // Seeded straight through the metrics repo in this process (100 batches), then served.
    const services = await createServices({ env: readServerEnv(made.env), log: () => undefined });
    await services.runs.upsert(run);
    for (let from = 0; from < POINTS; from += BATCH) {
      const points = Array.from({ length: BATCH }, (_, i) => ({ key: 'loss', step: from + i, value: (from + i) / 4, timeMs: 1_700_000_000_000 + from + i }));
      await services.metrics.ingest(run.id, points);
    }
    await services.close();
    const port = await freePort();
    server = await spawnServer({ ...made.env, PORT: String(port) });
    baseUrl = `http://127.0.0.1:${port}`;
  }, 120_000);
  afterAll(async () => {
    if (server) await kill(server);
    await cleanup?.();
  });

  it('MLflow get-history without max_results returns every point and grows the server by < 150 MB', async () => {
    resetPeak(server.pid!);
    const before = memoryOf(server.pid!).rssBytes;
    const res = await fetch(`${baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${run.id}&metric_key=loss`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { metrics: Array<{ key: string; step: number; value: number; timestamp: number }>; next_page_token?: string };
    const growthMb = (memoryOf(server.pid!).peakBytes - before) / MB;
    console.log(JSON.stringify({ test: 'mlflow-get-history', backend, points: POINTS, serverPeakGrowthMb: Math.round(growthMb) }));
    expect(body.next_page_token).toBeUndefined();
    expect(body.metrics).toHaveLength(POINTS);
    expect(body.metrics[0]).toEqual({ key: 'loss', step: 0, value: 0, timestamp: 1_700_000_000_000 });
    expect(body.metrics[POINTS - 1]).toEqual({ key: 'loss', step: POINTS - 1, value: (POINTS - 1) / 4, timestamp: 1_700_000_000_000 + POINTS - 1 });
    expect(body.metrics.every((m, i) => m.step === i)).toBe(true);
    expect(growthMb).toBeLessThan(150);
  }, 60_000);
});
