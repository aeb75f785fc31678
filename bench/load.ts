/**
 * npm run bench:load — 50 concurrent writers × 1,000 points each on loopback against the
 * standalone tracking server (lib/server/standalone.ts, its own process), writing as the sync
 * client does (bench/lib/load-writers.ts). SQLite by default; PostgreSQL when DATABASE_URL is set
 * or with `--postgres` (then DATABASE_URL must name a database to use: give it a fresh one).
 * A warm-up (as many writers as measured, 200 points each, not counted) runs first, as bench:ingest
 * warms up: without it the first burst of 100 requests meets a cold server (JIT, first code paths)
 * and sets p99. It also opens every writer's keep-alive connection, as a browser that has synced
 * before has one: with only 10 warmed, the 40 new connections of the measured burst were accepted
 * one by one over seconds while the warm ones kept the two processes busy (the same happens with
 * plain node:http in one process), and their first requests were the whole tail (p99 2.3 s at
 * load average 0.3; p50 68 ms). `warmup.latencyMs` reports that cold burst separately.
 * Prints one JSON document: requests, errors, p50/p95/p99 latency (ms), points written vs
 * stored (counted through the API), points lost, wall time, points/s.
 *
 *   npm run bench:load
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/load1 npm run bench:load
 *   LOAD_WRITERS=10 LOAD_POINTS=200 LOAD_BATCH=100 npm run bench:load
 *   LOAD_URL=http://127.0.0.1:3001 LOAD_TOKEN=… npm run bench:load   (a server already running, e.g. under --cpu-prof)
 */
import os from 'node:os';
import { runLoad } from './lib/load-writers';
import { postgresWanted, withBenchServer } from './lib/bench-server';

const WRITERS = Number(process.env.LOAD_WRITERS ?? 50);
const POINTS = Number(process.env.LOAD_POINTS ?? 1_000);
/** Points per metric request: about what one 2 s sync pass finds while a small model trains. */
const BATCH = Number(process.env.LOAD_BATCH ?? 100);
const PORT = Number(process.env.LOAD_PORT ?? 3917);

const usePostgres = postgresWanted();

async function measure(baseUrl: string, token: string) {
  const warmup = await runLoad({ baseUrl, token, writers: WRITERS, pointsPerWriter: 200, pointsPerRequest: BATCH, projectId: 'load-warmup' });
  const measured = await runLoad({ baseUrl, token, writers: WRITERS, pointsPerWriter: POINTS, pointsPerRequest: BATCH });
  return { ...measured, warmup: { requests: warmup.requests, errors: warmup.errors, pointsLost: warmup.pointsLost, latencyMs: warmup.latencyMs } };
}

async function main(): Promise<void> {
  if (process.env.LOAD_URL) {
    const result = await measure(process.env.LOAD_URL, process.env.LOAD_TOKEN ?? '');
    console.log(JSON.stringify({ server: process.env.LOAD_URL, pointsPerWriter: POINTS, pointsPerRequest: BATCH, cpus: os.cpus().length, ...result }, null, 2));
    return;
  }
  const result = await withBenchServer({ port: PORT, postgres: usePostgres, name: 'load' }, measure);
  console.log(JSON.stringify({ database: usePostgres ? 'postgres' : 'sqlite', pointsPerWriter: POINTS, pointsPerRequest: BATCH, cpus: os.cpus().length, ...result }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
