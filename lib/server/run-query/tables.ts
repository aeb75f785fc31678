/** Kysely shapes of the runs query tables (migrations 006_run_query, 011_runs_name_search). */
import type { Generated } from 'kysely';

export interface RunParamValuesTable {
  run_id: string;
  /** Dotted path of a scalar config leaf (`optimizer.lr`), as lib/track/run-list.ts listParams names it. */
  key: string;
  /** 's' | 'n' | 'b' | 'z': string, number, boolean, null. */
  kind: string;
  /** The value as text (numbers as String(n), booleans 'true'/'false', null 'null'). */
  text_value: string;
  /** Set for numbers only. */
  num_value: number | null;
}

/** A run's summary per metric; NULL is NaN. */
export interface RunMetricsTable {
  run_id: string;
  key: string;
  last_value: number | null;
  min_value: number | null;
  max_value: number | null;
}

/** SQLite only (011_runs_name_search): one row per run, the content of the run_name_trigrams FTS5 index, kept by triggers. */
export interface RunNameSearchTable {
  seq: Generated<number>;
  run_id: string;
  name: string;
}

export interface RunQueryTables {
  run_param_values: RunParamValuesTable;
  run_metrics: RunMetricsTable;
  run_name_search: RunNameSearchTable;
}
