import { withKernelPage } from './lib/browser-harness';

/**
 * `npm run bench:train [-- --backend=auto|cpu|webgl|webgpu|wasm --batches=70 --batch-size=128 --rounds=3]`
 * Trains the MNIST MLP in headless Chromium in the real kernel worker, (a) with plain model.fit
 * and (b) through bench.train with full tracking (IndexedDB, events, checkpoint), alternating
 * rounds and keeping the best of each, and prints
 * {backend, raw_samples_per_s, bench_samples_per_s, overhead_ratio, longest_main_thread_task_ms, …}.
 */
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const backend = args.backend ?? 'auto';
const batches = Number(args.batches ?? 70);
const batchSize = Number(args['batch-size'] ?? 128);
const rounds = Number(args.rounds ?? 3);
if (!['auto', 'cpu', 'webgl', 'webgpu', 'wasm'].includes(backend)) throw new Error(`--backend must be auto, cpu, webgl, webgpu or wasm (got ${backend})`);
if (!(batches >= 1 && batchSize >= 1 && rounds >= 1)) throw new Error('--batches, --batch-size and --rounds must be ≥ 1');
// One epoch over distinct digits, with 500 held out for validation: the mnist package has 10,000.
if (batches * batchSize > 9500) throw new Error(`--batches × --batch-size must be ≤ 9500 (the mnist package has 10,000 digits, 500 are held out); got ${batches * batchSize}`);

interface PageResult {
  info: { backend: string; adapter: string | null };
  raw: number[];
  tracked: number[];
  longest: number;
  maxTimerLateMs: number;
  events: number;
}

const result = await withKernelPage('bench/lib/train-bench.page.ts', 'runTrainBench', (page) =>
  page.evaluate(
    (request) => (globalThis as unknown as { runTrainBench: (r: unknown) => Promise<PageResult> }).runTrainBench(request),
    { backend, batches, batchSize, rounds },
  ),
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
  // Lateness of a 10 ms main-thread timer: also counts CPU starvation by other processes.
  max_main_thread_timer_delay_ms: Math.round(result.maxTimerLateMs),
  adapter: result.info.adapter,
  batches,
  batch_size: batchSize,
  rounds: { raw: result.raw.map(Math.round), bench: result.tracked.map(Math.round) },
  ui_events: result.events,
}));
