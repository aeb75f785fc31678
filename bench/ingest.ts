/**
 * npm run bench:ingest — points/s the tracking server accepts over HTTP, and history-read
 * latency, on SQLite and (when DATABASE_URL is set) PostgreSQL. Prints one JSON document.
 *
 * Ingest: one client in the same process posting batches (one key, consecutive steps) one
 * after another as the sync client does: TOTAL points in batches of 5,000 and of 10,000 in the
 * columnar `series` form the sync client sends, 5,000 as `points` objects, then a 1M-point metric. Reads (median of 7): a 100k-point metric at full resolution and downsampled
 * to 1,000 points; the 1M-point metric downsampled to 1,000 points and a 10k-step zoom at full
 * resolution.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readServerEnv } from '@/lib/server/env';
import { startStandaloneServer } from '@/lib/server/standalone';
import { runToWire } from '@/lib/track/api';
import type { Run } from '@/lib/track/schemas';

const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const TOTAL = Number(process.env.BENCH_POINTS ?? 300_000);
const BIG = Number(process.env.BENCH_BIG_POINTS ?? 1_000_000);
const READS = 7;

function run(id: string): Run {
  const now = Date.now();
  return {
    id, projectId: 'bench', notebookId: null, name: id, status: 'running', statusReason: null, config: {},
    env: { backend: 'cpu', adapter: null, browser: 'bench', tfjsVersion: '4.22.0', seed: null }, code: null,
    datasetFingerprint: null, sweepId: null, trialId: null, owner: null, tags: {}, source: 'browser', summary: {},
    createdAt: now, updatedAt: now, finishedAt: null,
  };
}

/** Wire forms of a batch: `series` (columns per key, what the sync client sends) or `points` (objects). */
type BatchForm = 'series' | 'points';

function batchBody(key: string, from: number, count: number, form: BatchForm = 'series'): string {
  const steps: number[] = [];
  const values: number[] = [];
  const timesMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const step = from + i;
    steps.push(step);
    values.push(Math.exp(-step / 1e5) + Math.sin(step) * 0.01);
    timesMs.push(1_700_000_000_000 + step);
  }
  if (form === 'series') return JSON.stringify({ series: [{ key, steps, values, timesMs }] });
  return JSON.stringify({ points: steps.map((step, i) => ({ key, step, value: values[i], timeMs: timesMs[i] })) });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchBackend(database: 'sqlite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-bench-'));
  const server = await startStandaloneServer({
    env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir, BENCHTOP_REQUIRE_TOKEN: '1', ...(database === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL } : {}) }),
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
  });
  const token = server.tracking.services.auth.token;
  const call = async (method: string, pathname: string, body?: string) => {
    const res = await fetch(server.url + pathname, { method, body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${text.slice(0, 200)}`);
    return { text, bytes: text.length };
  };
  try {
    const runId = `bench-${Date.now().toString(36)}`;
    await call('PUT', `/api/v1/runs/${runId}`, JSON.stringify(runToWire(run(runId))));
    // Warm-up (JIT, prepared statements, page cache): 20 batches on a key of its own.
    for (let i = 0; i < 20; i++) await call('POST', `/api/v1/runs/${runId}/metrics`, batchBody('warmup', i * BATCH, BATCH));

    /** Posts `total` points of `key` in batches of `batch`, sequentially; bodies are built before the clock starts. */
    const ingest = async (key: string, total: number, batch: number, form: BatchForm = 'series') => {
      const bodies = Array.from({ length: Math.ceil(total / batch) }, (_, i) => batchBody(key, i * batch, Math.min(batch, total - i * batch), form));
      const t0 = performance.now();
      for (const body of bodies) await call('POST', `/api/v1/runs/${runId}/metrics`, body);
      const seconds = (performance.now() - t0) / 1000;
      return { form, points: total, batchPoints: batch, seconds: +seconds.toFixed(2), pointsPerSecond: Math.round(total / seconds) };
    };
    const read = async (query: string) => {
      const times: number[] = [];
      let last = { points: 0, bytes: 0 };
      for (let i = 0; i < READS; i++) {
        const t = performance.now();
        const res = await call('GET', `/api/v1/runs/${runId}/metrics/history?${query}`);
        times.push(performance.now() - t);
        last = { points: (JSON.parse(res.text) as { points: unknown[] }).points.length, bytes: res.bytes };
      }
      return { medianMs: +median(times).toFixed(1), pointsReturned: last.points, responseBytes: last.bytes };
    };

    const ingestResults = [
      await ingest('ingest-5k', TOTAL, BATCH),
      await ingest('ingest-10k', TOTAL, 10_000),
      await ingest('ingest-5k-objects', TOTAL, BATCH, 'points'),
    ];
    if (process.env.BENCH_INGEST_ONLY) return { database, ingest: ingestResults };

    await ingest('m100k', 100_000, BATCH);
    const history100k = {
      full: await read('key=m100k&maxPoints=100000'),
      downsampled1000: await read('key=m100k&maxPoints=1000'),
    };
    const ingest1M = await ingest('m1M', BIG, BATCH);
    const history1M = {
      downsampled1000: await read('key=m1M&maxPoints=1000'),
      zoomed10kFull: await read(`key=m1M&minStep=${BIG / 2}&maxStep=${BIG / 2 + 9_999}&maxPoints=10000`),
    };
    return { database, ingest: [...ingestResults, ingest1M], history100k, history1M };
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const results = [await benchBackend('sqlite')];
  if (process.env.DATABASE_URL) results.push(await benchBackend('postgres'));
  console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, results }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
