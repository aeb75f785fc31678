import type { Artifact, MetricPoint, Run } from './schemas';

/** A pending write waiting to reach the server; deleted only after the server acknowledged it. */
export type OutboxEntry =
  | { seq: number; kind: 'run'; runId: string; run: Run }
  | { seq: number; kind: 'metrics'; runId: string; points: MetricPoint[] }
  | { seq: number; kind: 'artifact'; runId: string; artifactId: string };

/**
 * Where runs live. The IndexedDB implementation is always there; every write also enqueues an
 * outbox entry in the same transaction, so a sync client can ship it later and nothing is lost.
 */
export interface RunStore {
  putRun(run: Run): Promise<void>;
  getRun(id: string): Promise<Run | undefined>;
  /** Newest first. */
  listRuns(filter?: { projectId?: string; sweepId?: string }): Promise<Run[]>;
  /** Deletes the run with its metrics and artifacts (locally). */
  deleteRun(id: string): Promise<void>;

  /** Idempotent: a point with the same (runId, key, step) replaces the earlier one. */
  appendMetrics(points: MetricPoint[]): Promise<void>;
  /** Points of one run (optionally one key), ordered by key then step. */
  getMetrics(runId: string, key?: string): Promise<MetricPoint[]>;
  /**
   * Points of one run logged after a cursor: for each key in `afterStep`, only steps above it;
   * keys not in it, in full. Ordered by key then step. Lets a page that shows a running run read
   * only what is new on each refresh.
   */
  getMetricsAfter(runId: string, afterStep: Readonly<Record<string, number>>): Promise<MetricPoint[]>;
  metricKeys(runId: string): Promise<string[]>;

  putArtifact(meta: Artifact, bytes: Uint8Array): Promise<void>;
  listArtifacts(runId: string): Promise<Artifact[]>;
  getArtifact(id: string): Promise<{ meta: Artifact; bytes: Uint8Array } | undefined>;

  /** Oldest first. */
  outboxPeek(limit: number): Promise<OutboxEntry[]>;
  outboxAck(seqs: number[]): Promise<void>;
  /** Pending entries, for one run or all. */
  outboxCount(runId?: string): Promise<number>;
}
