/**
 * `npm run bench:serve`: requests/s and p50/p95/p99 latency of POST /models/:name/:ref/predict
 * at 1, 8 and 32 concurrent clients, for the MNIST MLP and CNN (int8 ONNX from the project's
 * exporter, seeded weights), each request one digit as a binary float32 body; next to the same
 * model called in this process through onnxruntime-node (same options, same concurrency,
 * batch 1). overheadRatio = served requests/s ÷ in-process runs/s, for three servers (MODES):
 * the standalone tracking server (bench/lib/bench-server.ts, its own process, SQLite) with
 * inference in a worker thread per model and on its main thread, and the production app as
 * `npm start` runs it (skipped, and said so in the JSON, without a build). The client is
 * node:http over kept-alive sockets. The floor: `GET /api/v1/health` (no database, no body) on
 * each server from the same client, and `ratioCeiling` = the ratio a predict would reach if it
 * cost exactly one such round trip plus the in-process inference. Prints JSON.
 * Env: BENCH_SERVE_SECONDS (per measurement, default 5), BENCH_SERVE_PORT (default 3927, and the
 * next two), BENCH_SERVE_CONCURRENCY (default 1,8,32).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { withBenchServer } from './lib/bench-server';
import { MNIST_INPUT_DIMS, mnistOnnx, type MnistModelName } from './lib/mnist-onnx';
import { registerOnnxOverHttp } from './lib/register-onnx-http';
import { keepAliveClient } from './lib/keepalive-client';
import { openOrtSession } from '../lib/server/model-serving/ort-node-session';
import { repoRoot, startAppServer } from '../test/e2e/app-server';

const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_SERVE_PORT ?? 3927);
const CONCURRENCY = (process.env.BENCH_SERVE_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const MODELS: MnistModelName[] = ['mnist-mlp', 'mnist-cnn'];

interface Measured {
  requests: number;
  errors: number;
  requestsPerS: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const round = (x: number, d = 2) => Number(x.toFixed(d));

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** `clients` loops calling `call` for SECONDS (after a 1 s warm-up at the same concurrency). */
async function measure(clients: number, call: () => Promise<boolean>): Promise<Measured> {
  const loop = async (until: number, latencies: number[] | null, errors: { n: number }) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const ok = await call().catch(() => false);
      if (!ok) errors.n++;
      latencies?.push(performance.now() - t0);
    }
  };
  const warm = performance.now() + 1000;
  await Promise.all(Array.from({ length: clients }, () => loop(warm, null, { n: 0 })));
  const latencies: number[] = [];
  const errors = { n: 0 };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, () => loop(start + SECONDS * 1000, latencies, errors)));
  const wall = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors: errors.n, requestsPerS: round(latencies.length / wall, 1), p50Ms: round(quantile(latencies, 0.5), 3), p95Ms: round(quantile(latencies, 0.95), 3), p99Ms: round(quantile(latencies, 0.99), 3) };
}

/**
 * The servers measured in turn: the standalone server with inference in a worker thread per
 * model (the default) and on its main thread (BENCHTOP_SERVING_MAIN_THREAD=1), and the production
 * app as `npm start` runs it (Next.js, worker threads), when a build is there (`npm run build`).
 */
const MODES = ['worker', 'mainThread', 'app'] as const;
type Mode = (typeof MODES)[number];
interface Target {
  baseUrl: string;
  token: string;
}

/** The production app on `port` with its own data dir and `token`, or why it was not started. */
async function withApp<T>(port: number, token: string, fn: (app: Target | { skipped: string }) => Promise<T>): Promise<T> {
  if (!fs.existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) return fn({ skipped: 'no production build (run `npm run build` first)' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-serve-app-'));
  const app = await startAppServer({ port, quiet: true, env: { BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: token, BENCHTOP_REQUIRE_TOKEN: '1' } });
  try {
    return await fn({ baseUrl: app.url, token });
  } finally {
    app.stop();
    await new Promise((r) => app.process.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const files = Object.fromEntries(await Promise.all(MODELS.map(async (m) => [m, await mnistOnnx(m)] as const))) as Record<MnistModelName, Uint8Array>;
  // Every server runs for the whole bench (one measured at a time), so each row compares them on the same minute.
  const appToken = randomBytes(24).toString('base64url');
  const results = await withBenchServer({ port: PORT, postgres: false, name: 'serve' }, (workerUrl, workerToken) =>
    withBenchServer({ port: PORT + 1, postgres: false, name: 'serve-main', env: { BENCHTOP_SERVING_MAIN_THREAD: '1' } }, (mainUrl, mainToken) =>
      withApp(PORT + 2, appToken, async (app) => {
        const servers: Partial<Record<Mode, Target>> = { worker: { baseUrl: workerUrl, token: workerToken }, mainThread: { baseUrl: mainUrl, token: mainToken }, ...('baseUrl' in app ? { app } : {}) };
        const modes = MODES.filter((m) => servers[m]);
        const clients = Object.fromEntries(modes.map((m) => [m, keepAliveClient(servers[m]!.baseUrl, Math.max(...CONCURRENCY))])) as Record<Mode, ReturnType<typeof keepAliveClient>>;
        const floor: Partial<Record<Mode, Measured>> = {};
        for (const mode of modes) {
          console.error(`bench:serve GET /api/v1/health × 1 client (${mode})…`);
          floor[mode] = await measure(1, async () => (await clients[mode].request({ method: 'GET', path: '/api/v1/health' })).status === 200);
        }
        const models = [];
        for (const model of MODELS) {
          for (const mode of modes) await registerOnnxOverHttp({ ...servers[mode]!, name: model, bytes: files[model] });
          const dims = [1, ...MNIST_INPUT_DIMS[model]];
          const pixels = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
          const body = new Uint8Array(pixels.buffer);
          const session = await openOrtSession(files[model]);
          const feeds = { [session.inputNames[0]]: { dtype: 'float32' as const, dims, data: pixels } };
          const rows = [];
          for (const n of CONCURRENCY) {
            console.error(`bench:serve ${model} × ${n} clients…`);
            const inProcess = await measure(n, async () => (await session.run(feeds), true));
            const served: Record<string, unknown> = {};
            const ratios: Record<string, number> = {};
            const ceilings: Record<string, number> = {};
            for (const mode of modes) {
              const headers = { authorization: `Bearer ${servers[mode]!.token}`, 'content-type': 'application/octet-stream', 'x-benchtop-dims': dims.join(',') };
              const handlerMs: number[] = [];
              const m = await measure(n, async () => {
                const res = await clients[mode].request({ method: 'POST', path: `/api/v1/models/${model}/1/predict`, headers, body });
                if (res.status !== 200) return false;
                handlerMs.push((JSON.parse(res.body.toString()) as { latencyMs: number }).latencyMs);
                return true;
              });
              handlerMs.sort((a, b) => a - b);
              served[mode] = { ...m, handlerP50Ms: round(quantile(handlerMs, 0.5), 3) };
              ratios[mode] = round(m.requestsPerS / inProcess.requestsPerS, 3);
              const health = floor[mode]!.requestsPerS;
              if (n === 1) ceilings[mode] = round(health / (health + inProcess.requestsPerS), 3);
            }
            rows.push({ clients: n, inProcess, served, overheadRatio: ratios, ...(n === 1 ? { ratioCeiling: ceilings } : {}) });
          }
          await session.release();
          models.push({ model, onnxBytes: files[model].byteLength, input: dims, results: rows });
        }
        for (const mode of modes) clients[mode].close();
        return { floor, models, ...('skipped' in app ? { appSkipped: app.skipped } : {}) };
      }),
    ),
  );
  console.log(
    JSON.stringify(
      {
        bench: 'serve',
        seconds: SECONDS,
        runtime: { node: process.version, onnxruntimeNode: ort.env.versions.node, cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0]) },
        server: {
          database: 'sqlite',
          body: 'binary float32, one digit per request',
          client: 'node:http keep-alive',
          intraOpThreads: 1,
          batchWaitMs: 0,
          modes: { worker: 'standalone server, a worker thread per model (default)', mainThread: 'standalone server, BENCHTOP_SERVING_MAIN_THREAD=1', app: results.appSkipped ?? 'the production app as `npm start` runs it (Next.js), worker threads' },
        },
        floor: { healthGet: results.floor },
        models: results.models,
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
