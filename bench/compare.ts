/**
 * npm run bench:compare — the compare view at scale (issue 13): RUNS server runs (default 100)
 * with POINTS points each of `loss` (default 100,000; seeded straight into the data dir before
 * the production build starts), opened at /compare?runs=… in Debian's Chromium. Prints JSON:
 *   chartsDrawnMs     navigation start → the loss chart drawn with every run
 *   loadLongTasks     long tasks (≥ 50 ms) from navigation to drawn
 *   smoothingRedrawMs the smoothing slider moved → the chart redrawn (no refetch: cached histories)
 *   smoothingLongTasks long tasks during that redraw
 *   historyBytes      bytes of history the page read (all runs, the downsampled answers)
 *   runPage           one of those runs on its page (/runs/<id>: not in this browser, so read
 *                     from the server through the same RunSource): chartDrawnMs, longTasks
 *
 *   npm run build && npm run bench:compare
 *   RUNS=20 POINTS=10000 BENCH_PORT=3198 npm run bench:compare
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTrackingServer } from '../lib/server/app';
import { readServerEnv } from '../lib/server/env';
import { startAppServer } from '../test/e2e/app-server';
import { launchChromium } from '../test/e2e/browser';
import { makeRun } from '../test/server/fixtures';
import type { Page } from 'playwright-core';

const RUNS = Number(process.env.RUNS ?? 100);
const POINTS = Number(process.env.POINTS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const CHUNK = 10_000;

async function seed(dataDir: string): Promise<string[]> {
  const server = await createTrackingServer({ env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir }), log: () => undefined });
  const ids: string[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const run = makeRun({ id: `bench-compare-${r}`, name: `run ${r}`, status: 'finished', config: { lr: 10 ** -(1 + (r % 4)), seed: r } });
      await server.services.runs.upsert(run);
      for (let from = 0; from < POINTS; from += CHUNK) {
        const points = Array.from({ length: Math.min(CHUNK, POINTS - from) }, (_, i) => {
          const step = from + i;
          return { key: 'loss', step, value: 1 / (1 + step / 1000) + 0.05 * Math.sin(step * (r + 1)), timeMs: run.createdAt + step * 10 };
        });
        await server.services.metrics.ingest(run.id, points);
      }
      ids.push(run.id);
    }
  } finally {
    await server.close();
  }
  return ids;
}

/** Navigation → the run page's first metric chart drawn (a canvas in it), and the long tasks meanwhile. */
async function timeRunPage(page: Page, url: string, tasks: () => Promise<number[]>): Promise<{ ms: number; tasks: number[] }> {
  await tasks();
  const start = Date.now();
  await page.goto(url);
  await page.locator('[data-testid="run-chart"] canvas').first().waitFor({ timeout: 600_000 });
  return { ms: Date.now() - start, tasks: await tasks() };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-compare-'));
  const t0 = Date.now();
  const ids = await seed(dataDir);
  const seedS = (Date.now() - t0) / 1000;
  const server = await startAppServer({ port: PORT, env: { BENCHTOP_DATA_DIR: dataDir } });
  const browser = await launchChromium({ webgpu: false });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${server.url}/compare`); // warm the app's scripts
    let historyBytes = 0;
    page.on('response', (res) => {
      if (res.url().includes('/metrics/history')) void res.body().then((b) => (historyBytes += b.byteLength), () => undefined);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    const start = Date.now();
    await page.goto(`${server.url}/compare?runs=${ids.join(',')}&smoothing=0.6`);
    const chart = page.locator('[data-testid="compare-chart"][data-metric="loss"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="compare-chart"][data-metric="loss"]')?.getAttribute('data-draws') ?? 0) > 0, null, { timeout: 600_000 });
    const chartsDrawnMs = Date.now() - start;
    const tasks = () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    const loadTasks = await tasks();
    const before = Number(await chart.getAttribute('data-draws'));
    const t1 = Date.now();
    await page.getByLabel('Smoothing').fill('0.95');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="compare-chart"][data-metric="loss"]')?.getAttribute('data-draws')) > n, before);
    const smoothingRedrawMs = Date.now() - t1;
    await page.waitForTimeout(500);
    const smoothTasks = await tasks();
    const longest = (d: number[]) => ({ longestMs: Math.round(Math.max(0, ...d)), count: d.length });
    const runPage = await timeRunPage(page, `${server.url}/runs/${ids[0]}`, tasks);
    console.log(JSON.stringify({ runs: RUNS, pointsPerRun: POINTS, seedS, chartsDrawnMs, loadLongTasks: longest(loadTasks), smoothingRedrawMs, smoothingLongTasks: longest(smoothTasks), historyBytes, runPage: { chartDrawnMs: runPage.ms, longTasks: longest(runPage.tasks) } }, null, 2));
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
