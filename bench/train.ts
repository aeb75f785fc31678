import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench:train [-- --backend=cpu|webgl|webgpu|wasm|auto --batches=40 --batch-size=128 --rounds=2]`
 * Trains the MNIST MLP in headless Chromium in the real kernel worker, (a) with plain model.fit
 * and (b) through bench.train with full tracking, and prints
 * {backend, raw_samples_per_s, bench_samples_per_s, overhead_ratio, longest_main_thread_task_ms}.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const backend = args.backend ?? 'auto';
const batches = Number(args.batches ?? 40);
const batchSize = Number(args['batch-size'] ?? 128);
const rounds = Number(args.rounds ?? 2);
if (!['auto', 'cpu', 'webgl', 'webgpu', 'wasm'].includes(backend)) throw new Error(`--backend must be auto, cpu, webgl, webgpu or wasm (got ${backend})`);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.map': 'application/json' };
const PAGE = '<!doctype html><meta charset="utf-8"><title>bench:train</title><script type="module" src="/page.js"></script>';

async function bundle(outdir: string): Promise<void> {
  await build({
    entryPoints: { 'kernel.worker': join(root, 'lib/kernel/kernel.worker.ts'), page: join(root, 'bench/lib/train-bench.page.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
    alias: { '@': root },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
}

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path === '/' ? null : path.startsWith('/tfjs-wasm/') ? join(wasmDir, path.slice('/tfjs-wasm/'.length)) : join(dir, path);
    try {
      if (file === null) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
        return;
      }
      if (!file.startsWith(dir) && !file.startsWith(wasmDir)) throw new Error('outside');
      await stat(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

const dir = await mkdtemp(join(tmpdir(), 'benchtop-train-'));
const { server, origin } = await serve(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
});
try {
  await bundle(dir);
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(origin);
  await page.waitForFunction(() => 'runTrainBench' in globalThis);
  const result = await page.evaluate(
    (request) => (globalThis as unknown as { runTrainBench: (r: unknown) => Promise<{ info: { backend: string; adapter: string | null }; raw: number[]; tracked: number[]; longest: number; maxTimerLateMs: number; events: number }> }).runTrainBench(request),
    { backend, batches, batchSize, rounds },
  );
  const raw = Math.max(...result.raw);
  const tracked = Math.max(...result.tracked);
  console.log(JSON.stringify({
    backend: result.info.backend,
    raw_samples_per_s: Math.round(raw),
    bench_samples_per_s: Math.round(tracked),
    overhead_ratio: Number((tracked / raw).toFixed(3)),
    // PerformanceObserver('longtask') reports only tasks ≥ 50 ms: 0 means none that long.
    longest_main_thread_task_ms: Math.round(result.longest),
    max_main_thread_timer_delay_ms: Math.round(result.maxTimerLateMs),
    adapter: result.info.adapter,
    batches,
    batch_size: batchSize,
    rounds: { raw: result.raw.map(Math.round), bench: result.tracked.map(Math.round) },
    ui_events: result.events,
  }));
} finally {
  await browser.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
}
