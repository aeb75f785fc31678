import type { OutboxEntry } from './run-store';
import type { MetricPoint, Run } from './schemas';
import { toWireNumber, type WireNumber } from './wire-number';
import type { WireMetricColumnsJson } from './api';

/**
 * Turns a window of outbox entries into the requests that ship them (pure, no I/O). Per run,
 * in first-appearance order: the newest run version (older ones are superseded: the server keeps
 * the highest updatedAt anyway), then every metric point in chunks under the server's limits,
 * then artifacts. Each request says which outbox seqs it settles.
 */
export type SyncRequest =
  | { kind: 'run'; runId: string; run: Run; seqs: number[] }
  | { kind: 'metrics'; runId: string; points: MetricPoint[]; seqs: number[] }
  | { kind: 'artifact'; runId: string; artifactId: string; seqs: number[] };

export interface ChunkLimits {
  maxPoints: number;
  /** UTF-8 bytes of one request body. */
  maxBytes: number;
}

export function planRequests(entries: OutboxEntry[], limits: ChunkLimits): SyncRequest[] {
  const byRun = new Map<string, OutboxEntry[]>();
  for (const e of entries) {
    const list = byRun.get(e.runId);
    if (list) list.push(e);
    else byRun.set(e.runId, [e]);
  }
  const out: SyncRequest[] = [];
  for (const [runId, list] of byRun) {
    const runs = list.filter((e): e is Extract<OutboxEntry, { kind: 'run' }> => e.kind === 'run');
    if (runs.length > 0) {
      const newest = runs.reduce((a, b) => (b.run.updatedAt >= a.run.updatedAt ? b : a));
      out.push({ kind: 'run', runId, run: newest.run, seqs: runs.map((e) => e.seq) });
    }
    const metrics = list.filter((e): e is Extract<OutboxEntry, { kind: 'metrics' }> => e.kind === 'metrics');
    out.push(...chunkMetrics(runId, metrics, limits));
    for (const e of list) if (e.kind === 'artifact') out.push({ kind: 'artifact', runId, artifactId: e.artifactId, seqs: [e.seq] });
  }
  return out;
}

/** Bounds are for the larger `points` form, so they also hold for the columnar body sent. */
const BODY_OVERHEAD = '{"points":[]}'.length;
/** `{"key":,"step":,"value":,"timeMs":},` around the four values. */
const POINT_OVERHEAD = 36;
/** Longest JSON of a double ("-1.2345678901234567e-308") or of a wire token. */
const MAX_VALUE_CHARS = 24;

/** An upper bound on a point's JSON bytes without serializing the point (chunking stays cheap). */
function pointBytes(p: MetricPoint, keyBytes: (key: string) => number): number {
  return POINT_OVERHEAD + keyBytes(p.key) + String(p.step).length + MAX_VALUE_CHARS + String(p.timeMs).length;
}

/**
 * Chunks the points of several entries. An entry's seq is settled by the chunk holding its last
 * point, so acknowledging chunks in order acknowledges each entry only once all of it is stored.
 * Chunks keep references to the points; the JSON is built when a chunk is sent (metricsBody), so
 * planning a large window never blocks the thread for long.
 */
export function chunkMetrics(runId: string, entries: Array<{ seq: number; points: MetricPoint[] }>, limits: ChunkLimits): SyncRequest[] {
  const out: SyncRequest[] = [];
  const keySizes = new Map<string, number>();
  // A key's JSON (escapes included), measured once per key.
  const keyBytes = (key: string) => keySizes.get(key) ?? keySizes.set(key, utf8Length(JSON.stringify(key))).get(key)!;
  let points: MetricPoint[] = [];
  let bytes = BODY_OVERHEAD;
  let seqs: number[] = [];
  const flush = () => {
    if (points.length === 0 && seqs.length === 0) return;
    out.push({ kind: 'metrics', runId, points, seqs });
    points = [];
    seqs = [];
    bytes = BODY_OVERHEAD;
  };
  for (const entry of entries) {
    for (const p of entry.points) {
      const size = pointBytes(p, keyBytes);
      if (points.length > 0 && (points.length >= limits.maxPoints || bytes + size > limits.maxBytes)) flush();
      points.push(p);
      bytes += size;
    }
    seqs.push(entry.seq);
  }
  flush();
  return out;
}

/**
 * The JSON body of a metric batch, in the columnar `series` form (one entry per key; wire tokens
 * for NaN/±Infinity). Smaller than `points` objects and several times cheaper to parse.
 */
export function metricsBody(points: MetricPoint[]): string {
  const byKey = new Map<string, { steps: number[]; values: WireNumber[]; timesMs: number[] }>();
  for (const p of points) {
    let cols = byKey.get(p.key);
    if (!cols) byKey.set(p.key, (cols = { steps: [], values: [], timesMs: [] }));
    cols.steps.push(p.step);
    cols.values.push(toWireNumber(p.value));
    cols.timesMs.push(p.timeMs);
  }
  const series: WireMetricColumnsJson[] = [...byKey].map(([key, c]) => ({ key, ...c }));
  return JSON.stringify({ series });
}

/** Splits a metrics request in two (after a 413 from a server with smaller limits). */
export function splitMetricsRequest(req: Extract<SyncRequest, { kind: 'metrics' }>): [typeof req, typeof req] | undefined {
  if (req.points.length < 2) return undefined;
  const half = Math.ceil(req.points.length / 2);
  // Only the second half settles the entries: they are stored once both halves are.
  return [
    { ...req, points: req.points.slice(0, half), seqs: [] },
    { ...req, points: req.points.slice(half) },
  ];
}

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}
