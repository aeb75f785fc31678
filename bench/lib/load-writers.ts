import { sendRequest, SyncRequestError, type HttpOptions } from '@/lib/track/sync-http';
import { chunkMetrics } from '@/lib/track/sync-plan';
import { summarize } from '@/lib/track/summary';
import { API_LIMITS, MetricKeysResponse } from '@/lib/track/api';
import type { MetricPoint, Run } from '@/lib/track/schemas';

/**
 * Many concurrent writers against one tracking server, each behaving like a browser's sync
 * client during a live run: PUT the run, then metric batches built and sent by the client's own
 * code (chunkMetrics + sendRequest: the columnar `series` body, the same size limits), a run
 * heartbeat (summary + updatedAt) every few batches as RunTracker writes one every 3 s while the
 * client flushes every 2 s, and a last PUT when the run finishes. Requests of one writer go one
 * after another, as one client sends them; writers run at the same time.
 */
export interface LoadOptions {
  baseUrl: string;
  token: string;
  writers: number;
  pointsPerWriter: number;
  /** Points per metric request (what one sync pass found in the outbox). */
  pointsPerRequest: number;
  /** Metric keys each step logs (points per step = keys). */
  keys?: readonly string[];
  /** Metric requests between two run heartbeats. */
  heartbeatEvery?: number;
  projectId?: string;
  /** Per writer: its own credential (default `token`) and its run's notebook (a class student's copy). */
  writerOf?: (w: number) => { token: string; notebookId?: string };
  /** Called when a metric batch of writer `w` was acknowledged (every chunk of it), with its points. */
  onMetricsAck?: (w: number, points: readonly MetricPoint[], ackAtMs: number) => void;
}

export interface LoadResult {
  writers: number;
  requests: number;
  errors: number;
  /** The first few failures, for the reader of the JSON. */
  errorSamples: string[];
  latencyMs: Latency;
  /** The same per request kind: run upserts (start, heartbeats, finish) and metric batches. */
  latencyByKindMs: { run: Latency; metrics: Latency };
  pointsWritten: number;
  pointsStored: number;
  pointsLost: number;
  wallSeconds: number;
  pointsPerSecond: number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const round = (x: number) => Math.round(x * 10) / 10;

function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

function newRun(id: string, projectId: string, notebookId = 'load'): Run {
  const now = Date.now();
  return {
    id, projectId, notebookId, name: id, status: 'running', statusReason: null, config: { lr: 0.01, units: 64 },
    env: { backend: 'cpu', adapter: null, browser: 'bench:load', tfjsVersion: '4.22.0', seed: 1 }, code: null,
    datasetFingerprint: null, sweepId: null, trialId: null, owner: 'bench', tags: {}, source: 'browser', summary: {},
    createdAt: now, updatedAt: now, finishedAt: null,
  };
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const keys = opts.keys ?? ['loss', 'acc'];
  const heartbeatEvery = opts.heartbeatEvery ?? 3;
  const http: HttpOptions = { baseUrl: opts.baseUrl, token: opts.token, fetch: globalThis.fetch, timeoutMs: 60_000 };
  const limits = { maxPoints: 5_000, maxBytes: Math.floor(API_LIMITS.metricBatchBytes * 0.9) };
  const stamp = Date.now().toString(36);
  const projectId = opts.projectId ?? 'load';
  const latencies: number[] = [];
  const byKind: Record<'run' | 'metrics', number[]> = { run: [], metrics: [] };
  const errorSamples: string[] = [];
  let errors = 0;

  const timedAll = async (req: Parameters<typeof sendRequest>[1], via: HttpOptions) => {
    const t0 = performance.now();
    try {
      await sendRequest(via, req, async () => undefined);
    } catch (err) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(err instanceof SyncRequestError ? `${err.status ?? ''} ${err.message}` : String(err));
    } finally {
      latencies.push(performance.now() - t0);
      if (req.kind !== 'artifact') byKind[req.kind].push(performance.now() - t0);
    }
  };

  const writer = async (w: number): Promise<string> => {
    const own = opts.writerOf?.(w);
    const via: HttpOptions = own ? { ...http, token: own.token } : http;
    const timed = (req: Parameters<typeof sendRequest>[1]) => timedAll(req, via);
    let run = newRun(`load-${stamp}-${w}`, projectId, own?.notebookId);
    await timed({ kind: 'run', runId: run.id, run, seqs: [] });
    const steps = Math.ceil(opts.pointsPerWriter / keys.length);
    let pending: MetricPoint[] = [];
    let written = 0;
    let batches = 0;
    for (let step = 0; step < steps && written < opts.pointsPerWriter; step++) {
      for (const key of keys) {
        if (written >= opts.pointsPerWriter) break;
        const value = key === 'loss' ? Math.exp(-step / 200) + 0.01 * Math.sin(step + w) : Math.min(1, step / steps);
        pending.push({ runId: run.id, key, step, value, timeMs: Date.now() });
        written++;
      }
      const last = written >= opts.pointsPerWriter;
      if (pending.length < opts.pointsPerRequest && !last) continue;
      run = { ...run, summary: summarize(run.summary, pending) };
      for (const req of chunkMetrics(run.id, [{ seq: batches, points: pending }], limits)) await timed(req);
      opts.onMetricsAck?.(w, pending, performance.now());
      pending = [];
      batches++;
      if (batches % heartbeatEvery === 0 && !last) {
        run = { ...run, updatedAt: Date.now() };
        await timed({ kind: 'run', runId: run.id, run, seqs: [] });
      }
    }
    const now = Date.now();
    run = { ...run, status: 'finished', updatedAt: now, finishedAt: now };
    await timed({ kind: 'run', runId: run.id, run, seqs: [] });
    return run.id;
  };

  const t0 = performance.now();
  const runIds = await Promise.all(Array.from({ length: opts.writers }, (_, w) => writer(w)));
  const wallSeconds = (performance.now() - t0) / 1000;

  let pointsStored = 0;
  for (const id of runIds) {
    const res = await fetch(`${opts.baseUrl}/api/v1/runs/${id}/metrics/keys`, { headers: { authorization: `Bearer ${opts.token}` } });
    if (!res.ok) continue; // the run itself was lost: every point of it counts as lost
    pointsStored += MetricKeysResponse.parse(await res.json()).keys.reduce((n, k) => n + k.count, 0);
  }
  const pointsWritten = opts.writers * opts.pointsPerWriter;
  return {
    writers: opts.writers,
    requests: latencies.length,
    errors,
    errorSamples,
    latencyMs: latencyOf(latencies),
    latencyByKindMs: { run: latencyOf(byKind.run), metrics: latencyOf(byKind.metrics) },
    pointsWritten,
    pointsStored,
    pointsLost: pointsWritten - pointsStored,
    wallSeconds: round(wallSeconds),
    pointsPerSecond: Math.round(pointsWritten / wallSeconds),
  };
}
