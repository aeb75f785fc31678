import type { Agg, RawPoint } from './rollup';

/** One rollup row as read back: its bucket index at its level and the bucket's summary. */
export interface RollupRow extends Agg {
  bucket: number;
}

export interface SeriesRow extends Agg {
  key: string;
  minStep: number;
  maxStep: number;
}

/** Points to insert for one (run, key), as parallel columns (null value = NaN). */
export interface PointColumns {
  steps: number[];
  timesMs: number[];
  values: Array<number | null>;
}

/**
 * The metric tables' reads, per dialect. Values may be returned synchronously (SQLite) or as
 * promises (PostgreSQL); callers always `await`.
 */
export interface MetricReads {
  /** Raw points with lo ≤ step ≤ hi, ordered by (step, timeMs). */
  readPoints(runId: string, key: string, lo: number, hi: number): RawPoint[] | Promise<RawPoint[]>;
  /** Rollup rows of one level with bLo ≤ bucket ≤ bHi, ordered by bucket. */
  readRollups(runId: string, key: string, level: number, bLo: number, bHi: number): RollupRow[] | Promise<RollupRow[]>;
  series(runId: string, key: string): SeriesRow | undefined | Promise<SeriesRow | undefined>;
  listSeries(runId: string): SeriesRow[] | Promise<SeriesRow[]>;
}

/** Writes, valid only inside `MetricSql.write`'s transaction. */
export interface MetricWrites extends MetricReads {
  /** Upsert by (run, key, step, timeMs): an identical re-send changes nothing. */
  insertPoints(runId: string, key: string, points: PointColumns): void | Promise<void>;
  upsertRollups(runId: string, key: string, level: number, rows: Map<number, Agg>): void | Promise<void>;
  upsertSeries(runId: string, series: SeriesRow): void | Promise<void>;
  /** Smallest step of (run, key), undefined when it has no points. */
  firstStep(runId: string, key: string): number | undefined | Promise<number | undefined>;
}

export interface MetricSql {
  /** Runs `fn` in one transaction that excludes concurrent writers of the same run. */
  write<T>(runId: string, fn: (tx: MetricWrites) => Promise<T>): Promise<T>;
  /** Runs `fn` against a consistent view (no half-written batch). */
  read<T>(fn: (reads: MetricReads) => Promise<T>): Promise<T>;
}
