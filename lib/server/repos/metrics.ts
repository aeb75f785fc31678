import type { Db } from '../db/connect';
import type { MetricSql, SeriesRow } from '../metrics/metric-sql';
import { sqliteMetricSql } from '../metrics/metric-sql-sqlite';
import { postgresMetricSql } from '../metrics/metric-sql-postgres';
import { ingestPoints, type IngestPoint } from '../metrics/ingest';
import { readHistory, type HistoryRequest, type HistoryResult } from '../metrics/history';

export type { IngestPoint, HistoryRequest, HistoryResult, SeriesRow };

/** Metric points of runs: idempotent batch ingest, downsampled history, per-key series. */
export interface MetricsRepo {
  /** Stores the points (the run must exist); returns how many were accepted. */
  ingest(runId: string, points: IngestPoint[]): Promise<number>;
  /** undefined when the run has no such key. */
  history(runId: string, req: HistoryRequest): Promise<HistoryResult | undefined>;
  keys(runId: string): Promise<SeriesRow[]>;
}

export function metricsRepo(db: Db): MetricsRepo {
  const sql: MetricSql = db.dialect === 'sqlite' ? sqliteMetricSql(db.sqlite, db.kysely) : postgresMetricSql(db.pool);
  return {
    ingest: (runId, points) => ingestPoints(sql, runId, points),
    history: (runId, req) => sql.read((reads) => readHistory(reads, runId, req)),
    keys: (runId) => sql.read(async (reads) => reads.listSeries(runId)),
  };
}
