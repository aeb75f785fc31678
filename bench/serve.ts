/**
 * `npm run bench:serve`: requests/s and p50/p95/p99 latency of POST /models/:name/:ref/predict
 * at 1, 8 and 32 concurrent clients, for the MNIST MLP and CNN (int8 ONNX from the project's
 * exporter, seeded weights), each request one digit as a binary float32 body; next to the same
 * model called in this process through onnxruntime-node (same options, same concurrency,
 * batch 1). overheadRatio = served requests/s ÷ in-process runs/s. The server is the standalone
 * tracking server in its own process over SQLite (bench/lib/bench-server.ts). Prints JSON.
 * Env: BENCH_SERVE_SECONDS (per measurement, default 5), BENCH_SERVE_PORT (default 3927),
 * BENCH_SERVE_CONCURRENCY (default 1,8,32).
 */
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { withBenchServer } from './lib/bench-server';
import { MNIST_INPUT_DIMS, mnistOnnx, type MnistModelName } from './lib/mnist-onnx';
import { registerOnnxOverHttp } from './lib/register-onnx-http';
import { openOrtSession } from '../lib/server/model-serving/ort-node-session';

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

async function main(): Promise<void> {
  const files = Object.fromEntries(await Promise.all(MODELS.map(async (m) => [m, await mnistOnnx(m)] as const))) as Record<MnistModelName, Uint8Array>;
  const results = await withBenchServer({ port: PORT, postgres: false, name: 'serve' }, async (baseUrl, token) => {
    const out = [];
    for (const model of MODELS) {
      await registerOnnxOverHttp({ baseUrl, token, name: model, bytes: files[model] });
      const dims = [1, ...MNIST_INPUT_DIMS[model]];
      const pixels = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
      const body = new Uint8Array(pixels.buffer);
      const url = `${baseUrl}/api/v1/models/${model}/1/predict`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'x-benchtop-dims': dims.join(',') };
      const session = await openOrtSession(files[model]);
      const feeds = { [session.inputNames[0]]: { dtype: 'float32' as const, dims, data: pixels } };
      const rows = [];
      for (const clients of CONCURRENCY) {
        console.error(`bench:serve ${model} × ${clients} clients…`);
        const inProcess = await measure(clients, async () => (await session.run(feeds), true));
        const served = await measure(clients, async () => {
          const res = await fetch(url, { method: 'POST', headers, body });
          await res.arrayBuffer();
          return res.ok;
        });
        rows.push({ clients, served, inProcess, overheadRatio: round(served.requestsPerS / inProcess.requestsPerS, 3) });
      }
      await session.release();
      out.push({ model, onnxBytes: files[model].byteLength, input: dims, results: rows });
    }
    return out;
  });
  console.log(
    JSON.stringify(
      {
        bench: 'serve',
        seconds: SECONDS,
        runtime: { node: process.version, onnxruntimeNode: ort.env.versions.node, cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0]) },
        server: { database: 'sqlite', body: 'binary float32, one digit per request', intraOpThreads: 1, batchWaitMs: 0 },
        models: results,
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
