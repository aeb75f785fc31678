import type { Db } from '../db/connect';
import type { MetricSql, SeriesRow } from '../metrics/metric-sql';
import { sqliteMetricSql } from '../metrics/metric-sql-sqlite';
import { postgresMetricSql } from '../metrics/metric-sql-postgres';
import { ingestPoints, type IngestPoint } from '../metrics/ingest';
import { readHistory, type HistoryRequest, type HistoryResult } from '../metrics/history';
import type { RawPoint } from '../metrics/rollup';

export type { IngestPoint, HistoryRequest, HistoryResult, SeriesRow, RawPoint };

/** Metric points of runs: idempotent batch ingest, downsampled history, per-key series. */
export interface MetricsRepo {
  /** Stores the points (the run must exist); returns how many were accepted. */
  ingest(runId: string, points: IngestPoint[]): Promise<number>;
  /** undefined when the run has no such key. */
  history(runId: string, req: HistoryRequest): Promise<HistoryResult | undefined>;
  keys(runId: string): Promise<SeriesRow[]>;
  /**
   * Raw points of (run, key) in (step, timeMs) order after a keyset cursor, at most `limit`
   * (MLflow's get-history paging). Empty when the key has no points.
   */
  page(runId: string, key: string, opts: { after?: { step: number; timeMs: number }; limit: number }): Promise<RawPoint[]>;
}

export function metricsRepo(db: Db): MetricsRepo {
  const sql: MetricSql = db.dialect === 'sqlite' ? sqliteMetricSql(db.sqlite, db.kysely) : postgresMetricSql(db.pool);
  return {
    ingest: (runId, points) => ingestPoints(sql, runId, points),
    history: (runId, req) => sql.read((reads) => readHistory(reads, runId, req)),
    keys: (runId) => sql.read(async (reads) => reads.listSeries(runId)),
    page: (runId, key, { after, limit }) =>
      sql.read(async (reads) => {
        const series = await reads.series(runId, key);
        return series ? reads.readPage(series.id, after, limit) : [];
      }),
  };
}
