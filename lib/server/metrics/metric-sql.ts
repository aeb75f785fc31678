import type { Agg, RawPoint } from './rollup';

/** One rollup row as read back: its bucket index at its level and the bucket's summary. */
export interface RollupRow extends Agg {
  bucket: number;
}

/** A (run, key) series: its id (which points and rollups use) and its whole summary. */
export interface SeriesRow extends Agg {
  id: number;
  key: string;
  minStep: number;
  maxStep: number;
}

/** A metric_series row as both drivers return it in array mode (SERIES_COLS order). */
export type SeriesTuple = [number, string, number, number, number, number, number | null, number | null, number, number, number | null];

export function seriesFromRow([id, key, count, nanCount, minStep, maxStep, min, max, lastStep, lastTimeMs, lastValue]: SeriesTuple): SeriesRow {
  return { id, key, count, nanCount, minStep, maxStep, min, max, lastStep, lastTimeMs, lastValue };
}

/** Points to insert for one series, as parallel columns (null value = NaN). */
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
  series(runId: string, key: string): SeriesRow | undefined | Promise<SeriesRow | undefined>;
  listSeries(runId: string): SeriesRow[] | Promise<SeriesRow[]>;
  /** Raw points with lo ≤ step ≤ hi, ordered by (step, timeMs). */
  readPoints(seriesId: number, lo: number, hi: number): RawPoint[] | Promise<RawPoint[]>;
  /** Rollup rows of one level with bLo ≤ bucket ≤ bHi, ordered by bucket. */
  readRollups(seriesId: number, level: number, bLo: number, bHi: number): RollupRow[] | Promise<RollupRow[]>;
  /**
   * Up to `limit` raw points after (step, timeMs) in (step, timeMs) order (keyset paging), with
   * step ≤ `maxStep` when given. `after` = (lo, -1) starts at step lo.
   */
  readPage(seriesId: number, after: { step: number; timeMs: number } | undefined, limit: number, maxStep?: number): RawPoint[] | Promise<RawPoint[]>;
}

/** Writes, valid only inside `MetricSql.write`'s transaction. */
export interface MetricWrites extends MetricReads {
  /** A new, empty series row; returns its id. */
  createSeries(runId: string, key: string): number | Promise<number>;
  /** Upsert by (series, step, timeMs): an identical re-send changes nothing. */
  insertPoints(seriesId: number, points: PointColumns): void | Promise<void>;
  upsertRollups(seriesId: number, level: number, rows: Map<number, Agg>): void | Promise<void>;
  updateSeries(series: SeriesRow): void | Promise<void>;
  /** Smallest step of the series, undefined when it has no points. */
  firstStep(seriesId: number): number | undefined | Promise<number | undefined>;
}

export interface MetricSql {
  /** Runs `fn` in one transaction that excludes concurrent writers of the same run. */
  write<T>(runId: string, fn: (tx: MetricWrites) => Promise<T>): Promise<T>;
  /** Runs `fn` against a consistent view (no half-written batch). */
  read<T>(fn: (reads: MetricReads) => Promise<T>): Promise<T>;
}
