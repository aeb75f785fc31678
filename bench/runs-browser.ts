/**
 * npm run bench:runs-browser — the browser half of bench:runs (issue 13): the production build
 * (`.next`, from `npm run build`) with RUNS server runs (default 10,000: 20 params, 10 summary
 * metrics, tags; seeded as bench:runs seeds them, bench/lib/seed-runs.ts, run i has
 * `params.seed = i` and is the i-th oldest), driven by Debian's Chromium. Prints one JSON document:
 *   firstRowsMs       navigation start → first rows of /runs painted (fresh page each time)
 *   filterKeystrokeMs a key typed in the filter box → the re-filtered table painted
 *   sortClickMs       a click on a column header → the re-sorted table painted
 *   idle              long tasks (≥ 50 ms) during 10 s of an idle /runs (live updates on)
 * Goals: first rows < 1 s, keystroke and sort < 200 ms, no idle task ≥ 50 ms.
 *
 *   npm run build && npm run bench:runs-browser
 *   RUNS=2000 BENCH_PORT=3108 npm run bench:runs-browser
 *   BENCH_URL=http://127.0.0.1:3000 npm run bench:runs-browser   (a server that already holds the runs)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTrackingServer } from '../lib/server/app';
import { readServerEnv } from '../lib/server/env';
import { startAppServer } from '../test/e2e/app-server';
import { launchChromium } from '../test/e2e/browser';
import { seedRuns } from './lib/seed-runs';
import { firstRowsMs, idleLongTasks, keystrokeMs, sortClickMs, summarize, type Timing } from './lib/runs-table-timings';

const RUNS = Number(process.env.RUNS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 3108);
const IDLE_MS = Number(process.env.IDLE_MS ?? 10_000);
const REPEATS = 5;

async function measure(baseUrl: string) {
  const browser = await launchChromium({ webgpu: false });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // tsx (esbuild, keepNames) wraps named functions in __name(): the page needs it to run them.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    // Warm the server's caches and the browser's HTTP cache of the app's scripts once (a first visit is the build's cost, not the table's).
    const warm = await context.newPage();
    await warm.goto(`${baseUrl}/runs`);
    await warm.locator('[data-testid="runs-grid"] tbody tr').first().waitFor({ timeout: 120_000 });
    await warm.close();

    const firstRows: Timing[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const page = await context.newPage();
      firstRows.push(await firstRowsMs(page, `${baseUrl}/runs`));
      await page.close();
    }

    const page = await context.newPage();
    await page.goto(`${baseUrl}/runs`);
    await page.locator('[data-testid="runs-grid"] tbody tr').first().waitFor({ timeout: 60_000 });
    // `params.seed < 5`, then each "0" typed moves the newest match: run 4 → 49 → 499 → 4999, and back.
    const box = page.getByRole('searchbox', { name: 'Filter runs' });
    await box.fill('params.seed < 5');
    await page.locator('[data-testid="runs-grid"] tbody tr[data-run-id$="-0000004"]').first().waitFor({ timeout: 30_000 });
    const keystrokes: Timing[] = [];
    for (let i = 0; i < 3; i++) keystrokes.push(await keystrokeMs(page, '0'));
    for (let i = 0; i < 3; i++) keystrokes.push(await keystrokeMs(page, 'Backspace'));
    await box.fill('');
    await page.waitForTimeout(500);

    const sorts: Timing[] = [];
    // Name ascending, then descending, and so on: each click puts another run first.
    for (let i = 0; i < REPEATS; i++) sorts.push(await sortClickMs(page, 'Name'));
    await page.waitForTimeout(1000);
    const idle = await idleLongTasks(page, IDLE_MS);
    return { firstRowsMs: summarize(firstRows), filterKeystrokeMs: summarize(keystrokes), sortClickMs: summarize(sorts), idle: { windowMs: IDLE_MS, ...idle } };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_URL) {
    console.log(JSON.stringify({ server: process.env.BENCH_URL, ...(await measure(process.env.BENCH_URL)) }, null, 2));
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-runs-browser-'));
  // Seeded before the app starts, with batched INSERTs into its data dir (HTTP would take minutes).
  const seeder = await createTrackingServer({ env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir }), log: () => undefined });
  await seedRuns(seeder.services.db, RUNS, { historyRuns: 0 });
  await sql`analyze`.execute(seeder.services.db.kysely);
  await seeder.close();
  const server = await startAppServer({ port: PORT, env: { BENCHTOP_DATA_DIR: dataDir } });
  try {
    const result = await measure(server.url);
    console.log(JSON.stringify({ database: 'sqlite', runs: RUNS, cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10), ...result, goals: { firstRowsMs: 1000, keystrokeMs: 200, sortMs: 200, idleLongestTaskMs: 50 } }, null, 2));
  } finally {
    server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
