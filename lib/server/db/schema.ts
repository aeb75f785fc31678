import type { Generated } from 'kysely';
import type { SweepTables } from '../sweeps/tables';
import type { ClassroomTables } from '../classroom/tables';
import type { NotebookTables } from '../notebooks/tables';
import type { ReportTables } from '../reports/tables';
import type { RunQueryTables } from '../run-query/tables';
import type { RegistryTables } from '../registry/tables';
import type { RunInputsTable } from '../mlflow/inputs-migration';
import type { MonitoringTables } from '../monitoring/tables';
import type { PredictTokenTables } from '../predict-tokens/tables';

/**
 * Table shapes as Kysely sees them. Times are ms since the epoch (BIGINT). JSON columns hold
 * text. A NULL `value`/`*_value` in metric tables means NaN (±Infinity are stored natively by
 * both SQLite REAL and PostgreSQL double precision), which keeps non-finite values lossless.
 */

export interface ProjectsTable {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  /** 'active' | 'deleted' (MLflow experiments are soft-deleted). */
  lifecycle_stage: string;
}

export interface ProjectTagsTable {
  project_id: string;
  key: string;
  value: string;
}

export interface RunsTable {
  id: string;
  project_id: string;
  notebook_id: string | null;
  name: string;
  status: string;
  status_reason: string | null;
  /** JSON object: every hyperparameter as given (typed). run_params mirrors it as strings. */
  config: string;
  env: string;
  code: string | null;
  dataset_fingerprint: string | null;
  sweep_id: string | null;
  trial_id: string | null;
  owner: string | null;
  source: string;
  /** Stamped by the server when a student creates the run (migration 004_classroom). */
  class_id: string | null;
  student_id: string | null;
  /** JSON object of wire summaries (NaN/Infinity as tokens). */
  summary: string;
  /** Soft delete (migration 006_run_query): hidden from lists, purged RUN_QUERY_LIMITS.purgeAfterDays later. */
  deleted_at: number | null;
  /** Markdown notes (migration 006_run_query). */
  notes: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** 'active' | 'deleted' (MLflow runs are soft-deleted; /api/v1 DELETE removes rows). */
  lifecycle_stage: string;
}

/** Config values as strings (MLflow params): searchable in SQL, immutable per MLflow's rules. */
export interface RunParamsTable {
  run_id: string;
  key: string;
  value: string;
}

export interface RunTagsTable {
  run_id: string;
  key: string;
  value: string;
}

/** Keyed by (series_id, step, time_ms), i.e. (run, key, step, time): a re-sent point changes
 * nothing; MLflow's repeated steps with distinct timestamps are all kept. An integer series id
 * instead of (run_id, key) text makes rows 2.5× smaller and inserts ~2× faster. */
export interface MetricPointsTable {
  series_id: number;
  step: number;
  time_ms: number;
  value: number | null;
}

/** Pre-aggregated buckets of `width = 16^level` steps, so a 1M-point chart reads ~4k rows. */
export interface MetricRollupsTable {
  series_id: number;
  level: number;
  bucket: number;
  count: number;
  nan_count: number;
  min_value: number | null;
  max_value: number | null;
  last_step: number;
  last_time_ms: number;
  last_value: number | null;
}

/** One row per (run, key): its id, counts, step range, min/max/last. */
export interface MetricSeriesTable {
  id: Generated<number>;
  run_id: string;
  key: string;
  count: number;
  nan_count: number;
  min_step: number;
  max_step: number;
  min_value: number | null;
  max_value: number | null;
  last_step: number;
  last_time_ms: number;
  last_value: number | null;
}

export interface ArtifactsTable {
  id: string;
  run_id: string;
  name: string;
  kind: string;
  size_bytes: number;
  sha256: string;
  created_at: number;
  /** JSON object or null. */
  meta: string | null;
  /** Key inside the ArtifactStore. */
  storage_key: string;
}

export interface SharesTable {
  token: string;
  /** The shared run; null on a report's share (migration 007). */
  run_id: string | null;
  created_at: number;
  revoked_at: number | null;
  /** 1: the link shows the run's code snapshot (migration 003). */
  include_code: number;
  /** 'run' | 'report' (migration 007; older rows are 'run'). */
  kind: string;
  /** The shared report when kind = 'report'. */
  report_id: string | null;
}

/** Every table; the sweep, classroom, notebook, report, run-query, registry and monitoring tables are declared beside their migrations (lib/server/<folder>/tables.ts). */
export interface Database extends SweepTables, ClassroomTables, NotebookTables, ReportTables, RunQueryTables, RegistryTables, MonitoringTables, PredictTokenTables {
  projects: ProjectsTable;
  project_tags: ProjectTagsTable;
  runs: RunsTable;
  run_params: RunParamsTable;
  run_tags: RunTagsTable;
  metric_points: MetricPointsTable;
  metric_rollups: MetricRollupsTable;
  metric_series: MetricSeriesTable;
  artifacts: ArtifactsTable;
  shares: SharesTable;
  /** Datasets MLflow runs logged as inputs (migration 008b_mlflow_run_inputs). */
  run_inputs: RunInputsTable;
}
