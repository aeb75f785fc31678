import type { OutboxEntry } from './run-store';
import type { MetricPoint, Run } from './schemas';
import { toWireNumber } from './wire-number';

/**
 * Turns a window of outbox entries into the requests that ship them (pure, no I/O). Per run,
 * in first-appearance order: the newest run version (older ones are superseded: the server keeps
 * the highest updatedAt anyway), then every metric point in chunks under the server's limits,
 * then artifacts. Each request says which outbox seqs it settles.
 */
export type SyncRequest =
  | { kind: 'run'; runId: string; run: Run; seqs: number[] }
  | { kind: 'metrics'; runId: string; body: string; points: number; seqs: number[] }
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

const BODY_OVERHEAD = '{"points":[]}'.length;

/**
 * Chunks the points of several entries. An entry's seq is settled by the chunk holding its last
 * point, so acknowledging chunks in order acknowledges each entry only once all of it is stored.
 */
export function chunkMetrics(runId: string, entries: Array<{ seq: number; points: MetricPoint[] }>, limits: ChunkLimits): SyncRequest[] {
  const out: SyncRequest[] = [];
  let parts: string[] = [];
  let bytes = BODY_OVERHEAD;
  let seqs: number[] = [];
  const flush = () => {
    if (parts.length === 0 && seqs.length === 0) return;
    out.push({ kind: 'metrics', runId, body: `{"points":[${parts.join(',')}]}`, points: parts.length, seqs });
    parts = [];
    seqs = [];
    bytes = BODY_OVERHEAD;
  };
  for (const entry of entries) {
    for (const p of entry.points) {
      const json = JSON.stringify({ key: p.key, step: p.step, value: toWireNumber(p.value), timeMs: p.timeMs });
      const size = utf8Length(json) + 1;
      if (parts.length > 0 && (parts.length >= limits.maxPoints || bytes + size > limits.maxBytes)) flush();
      parts.push(json);
      bytes += size;
    }
    seqs.push(entry.seq);
  }
  flush();
  return out;
}

/** Splits a metrics request in two (after a 413 from a server with smaller limits). */
export function splitMetricsRequest(req: Extract<SyncRequest, { kind: 'metrics' }>): [typeof req, typeof req] | undefined {
  const points = (JSON.parse(req.body) as { points: unknown[] }).points;
  if (points.length < 2) return undefined;
  const half = Math.ceil(points.length / 2);
  const body = (list: unknown[]) => JSON.stringify({ points: list });
  return [
    { ...req, body: body(points.slice(0, half)), points: half, seqs: [] },
    { ...req, body: body(points.slice(half)), points: points.length - half },
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
