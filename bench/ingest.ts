/**
 * npm run bench:ingest — points/s the tracking server accepts over HTTP, and history-read
 * latency, on SQLite and (when DATABASE_URL is set) PostgreSQL. Prints one JSON document.
 *
 * Ingest: one client posting batches of BATCH points (one key, consecutive steps), sequentially
 * as the sync client does, for TOTAL points. Reads: a 100k-point metric at full resolution and
 * downsampled to 1,000 points, and a 1M-point metric downsampled (median of several reads).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readServerEnv } from '@/lib/server/env';
import { startStandaloneServer } from '@/lib/server/standalone';
import { runToWire } from '@/lib/track/api';
import type { Run } from '@/lib/track/schemas';

const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const TOTAL = Number(process.env.BENCH_POINTS ?? 200_000);
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

function batchBody(key: string, from: number, count: number): string {
  const points = [];
  for (let i = 0; i < count; i++) {
    const step = from + i;
    points.push({ key, step, value: Math.exp(-step / 1e5) + Math.sin(step) * 0.01, timeMs: 1_700_000_000_000 + step });
  }
  return JSON.stringify({ points });
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
    const bodies = Array.from({ length: Math.ceil(TOTAL / BATCH) }, (_, i) => batchBody('loss', i * BATCH, Math.min(BATCH, TOTAL - i * BATCH)));
    await call('POST', `/api/v1/runs/${runId}/metrics`, batchBody('warmup', 0, BATCH)); // JIT warm-up
    const t0 = performance.now();
    for (const body of bodies) await call('POST', `/api/v1/runs/${runId}/metrics`, body);
    const ingestS = (performance.now() - t0) / 1000;

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
    if (process.env.BENCH_INGEST_ONLY) return { database, ingest: Math.round(TOTAL / ingestS) };
    const history100k = {
      full: await read('key=loss&maxPoints=100000'),
      downsampled1000: await read('key=loss&maxPoints=1000'),
    };

    // The 1M-point metric, loaded in the same way (its ingest rate is reported too).
    const t1 = performance.now();
    for (let from = 0; from < BIG; from += BATCH) await call('POST', `/api/v1/runs/${runId}/metrics`, batchBody('big', from, Math.min(BATCH, BIG - from)));
    const bigIngestS = (performance.now() - t1) / 1000;
    const history1M = {
      downsampled1000: await read('key=big&maxPoints=1000'),
      zoomed10k: await read(`key=big&minStep=500000&maxStep=509999&maxPoints=10000`),
    };
    return {
      database,
      batchPoints: BATCH,
      ingest: { points: TOTAL, seconds: +ingestS.toFixed(2), pointsPerSecond: Math.round(TOTAL / ingestS) },
      ingest1M: { points: BIG, seconds: +bigIngestS.toFixed(2), pointsPerSecond: Math.round(BIG / bigIngestS) },
      history100k,
      history1M,
    };
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
