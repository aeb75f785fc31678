import type { MetricSummary as StoredMetricSummary, Run, RunStatus as StoredRunStatus } from '../track/schemas';

/**
 * Runs as cell code sees them (`bench.runs()`, `bench.train`'s result, `run.finish()`), in plain
 * types: the editor's generated typings (lib/bench/api-types.ts) must not need zod. The checks at
 * the bottom fail to compile when these drift from the zod schemas in lib/track/schemas.ts.
 */
export type RunStatus = 'running' | 'finished' | 'failed' | 'crashed' | 'stopped';

/** last/min/max of one metric, the step of the last value, and how many values were logged. */
export interface MetricSummary {
  last: number;
  min: number;
  max: number;
  step: number;
  count: number;
}

/** A run stored in this browser. */
export interface StoredRun {
  id: string;
  projectId: string;
  notebookId: string | null;
  name: string;
  status: RunStatus;
  /** Why the run ended the way it did (an error message, "stopped by user at epoch 2", …). */
  statusReason: string | null;
  config: Record<string, unknown>;
  /** last/min/max per metric key, e.g. summary['val/accuracy'].last */
  summary: Record<string, MetricSummary>;
  env: { backend: string; adapter: string | null; browser: string; tfjsVersion: string; seed: number | null; memory?: Record<string, number> };
  datasetFingerprint: string | null;
  sweepId: string | null;
  trialId: string | null;
  owner: string | null;
  tags: Record<string, string>;
  source: 'browser' | 'mlflow';
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
// Compile-time only: a type error here means the plain types drifted from the schema.
type _RunStatusMatchesSchema = Expect<Same<RunStatus, StoredRunStatus>>;
type _MetricSummaryMatchesSchema = Expect<Same<MetricSummary, StoredMetricSummary>>;
type _StoredRunCoversSchema = Expect<Run extends StoredRun ? true : false>;
