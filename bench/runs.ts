/**
 * npm run bench:runs — the runs query API at scale (issue 13), server half. Seeds 10,000 and
 * 100,000 runs (20 params, 10 summary metrics, tags; 100-point histories for the first
 * BENCH_RUNS_HISTORIES runs) with direct batched INSERTs into SQLite and PostgreSQL
 * (.ci/start-postgres.sh, a fresh database each), then times GET /api/v1/runs/query and friends
 * through the real router in this process (no socket: the figures are the server's own work,
 * parse → SQL → JSON). Prints one JSON document: per backend and size, wall p50/p95 (ms), this
 * process's CPU per request (p50/p95 ms: what a busy shared machine does not inflate) and bytes
 * per answer for each shape; each result also goes to stderr as soon as it is measured.
 *
 *   npm run bench:runs
 *   BENCH_RUNS_SIZES=10000 BENCH_RUNS_BACKENDS=sqlite npm run bench:runs
 *   npm run bench:runs -- --browser     (the browser half: bench/runs-browser.ts, owned by the /runs table)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { createTrackingServer } from '../lib/server/app';
import { readServerEnv } from '../lib/server/env';
import { createTestDatabase } from '../test/server/pg';
import { seedRuns, SEED_SHAPE } from './lib/seed-runs';

const SIZES = (process.env.BENCH_RUNS_SIZES ?? '10000,100000').split(',').map(Number);
const BACKENDS = (process.env.BENCH_RUNS_BACKENDS ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
const HISTORY_RUNS = Number(process.env.BENCH_RUNS_HISTORIES ?? 200);
const ITERATIONS = Number(process.env.BENCH_RUNS_ITERATIONS ?? 40);

/** The request shapes timed: what the /runs table asks while a user filters, sorts and scrolls. */
const SHAPES: Array<{ name: string; path: string; pages?: number }> = [
  { name: 'default page (newest first)', path: '/api/v1/runs/query?limit=100' },
  { name: 'default page, 6 visible columns (lean rows)', path: `/api/v1/runs/query?limit=100&columns=${encodeURIComponent('params.lr,params.optimizer,params.batch_size,metrics.acc,metrics.loss.min,metrics.val/acc')}` },
  { name: 'filter params+metrics, sort -metrics.acc', path: `/api/v1/runs/query?limit=100&sort=-metrics.acc&filter=${encodeURIComponent('params.lr < 0.01 and metrics.acc > 1.5')}` },
  { name: 'sort params.lr (numeric param)', path: '/api/v1/runs/query?limit=100&sort=params.lr' },
  { name: 'sort metrics.loss.min asc', path: '/api/v1/runs/query?limit=100&sort=metrics.loss.min' },
  { name: 'filter tag + status, sort name', path: `/api/v1/runs/query?limit=100&sort=name&filter=${encodeURIComponent('tags.baseline and status = finished')}` },
  { name: 'filter optimizer in (…), sort -createdAt', path: `/api/v1/runs/query?limit=100&filter=${encodeURIComponent('params.optimizer in (adam, sgd) and params.batch_size >= 64')}` },
  { name: 'name contains (trigram index)', path: `/api/v1/runs/query?limit=100&filter=${encodeURIComponent('name ~ "99 adam"')}` },
  { name: '5th page by cursor, filter+sort -metrics.acc', path: `/api/v1/runs/query?limit=100&sort=-metrics.acc&filter=${encodeURIComponent('params.lr < 0.01')}`, pages: 5 },
  { name: 'groups by params.optimizer (2 metrics)', path: '/api/v1/runs/groups?by=params.optimizer&metrics=acc,loss' },
  { name: 'columns (unfiltered)', path: '/api/v1/runs/columns' },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function benchOne(backend: 'sqlite' | 'postgres', size: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-runs-'));
  const pgDb = backend === 'postgres' ? await createTestDatabase() : undefined;
  const server = await createTrackingServer({
    env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: 'bench-token-0123456789abcdef', BENCHTOP_REQUIRE_TOKEN: '1', ...(pgDb ? { DATABASE_URL: pgDb.url } : {}) }),
    log: () => undefined,
  });
  try {
    const { kysely } = server.services.db;
    const seedStart = performance.now();
    await seedRuns(server.services.db, size, { historyRuns: Math.min(HISTORY_RUNS, size) });
    // Statistics and visibility as a live server has them: PostgreSQL's autovacuum vacuums and
    // analyzes after bulk inserts (so index-only scans skip the heap); SQLite's PRAGMA optimize
    // runs whenever the server opens the database (connect.ts), i.e. after a restart.
    await sql`${sql.raw(backend === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(kysely);
    const seedS = (performance.now() - seedStart) / 1000;
    const get = async (p: string) => {
      const res = await server.handle(new Request(`http://bench${p}`, { headers: { authorization: 'Bearer bench-token-0123456789abcdef' } }));
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${text.slice(0, 300)}`);
      return text;
    };
    // The machine's own latency as a yardstick: a trivial `select 1` through the same database
    // handle, timed the same way (a shared, loaded machine inflates both alike).
    const trivial: number[] = [];
    for (let k = 0; k < ITERATIONS + 3; k++) {
      const t0 = performance.now();
      await sql`select 1`.execute(kysely);
      if (k >= 3) trivial.push(performance.now() - t0);
    }
    trivial.sort((a, b) => a - b);
    const select1 = { p50Ms: +percentile(trivial, 50).toFixed(2), p95Ms: +percentile(trivial, 95).toFixed(2) };
    const shapes = [];
    for (const shape of SHAPES) {
      // The cursor of page (pages - 1), fetched once: the timed request is the deep page itself.
      let target = shape.path;
      for (let page = 1; page < (shape.pages ?? 1); page++) {
        const next = (JSON.parse(await get(target)) as { nextCursor: string | null }).nextCursor;
        if (!next) break;
        target = `${shape.path}&cursor=${encodeURIComponent(next)}`;
      }
      for (let w = 0; w < 3; w++) await get(target);
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      let rows: number | undefined;
      let total: number | undefined;
      for (let k = 0; k < ITERATIONS; k++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const text = await get(target);
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        bytes = Buffer.byteLength(text);
        const body = JSON.parse(text) as { rows?: unknown[]; total?: number };
        rows = body.rows?.length;
        total = body.total;
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      // cpuMs: this process's CPU per request (all of the work on SQLite; PostgreSQL's backend is another process).
      shapes.push({ shape: shape.name, p50Ms: +percentile(times, 50).toFixed(2), p95Ms: +percentile(times, 95).toFixed(2), cpuP50Ms: +percentile(cpu, 50).toFixed(2), cpuP95Ms: +percentile(cpu, 95).toFixed(2), bytes, ...(rows !== undefined ? { rows, total } : {}) });
    }
    const result = { backend, runs: size, seedSeconds: +seedS.toFixed(1), loadAverage: os.loadavg().map((l) => +l.toFixed(1)), select1, shapes };
    // Each result as soon as it is measured (stderr), so a long run can be read while it goes on.
    console.error(JSON.stringify(result));
    return result;
  } finally {
    await server.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--browser')) {
    // The browser half (first rows, keystroke-to-paint, sort, idle long tasks) belongs to the /runs table.
    const script = path.join(import.meta.dirname, 'runs-browser.ts');
    if (!fs.existsSync(script)) {
      console.error('bench/runs-browser.ts (the browser half) is not there yet');
      process.exit(2);
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2).filter((a) => a !== '--browser')], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const results = [];
  for (const backend of BACKENDS) for (const size of SIZES) results.push(await benchOne(backend, size));
  console.log(
    JSON.stringify({ bench: 'runs-query', cpus: os.cpus().length, iterations: ITERATIONS, seeded: { ...SEED_SHAPE, historyRuns: HISTORY_RUNS }, goalP95Ms: { sqlite: 50, postgres: 100 }, results }, null, 2),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
