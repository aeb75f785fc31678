/**
 * The monitoring and alert tables as Kysely sees them (migration 009_model_monitoring in
 * ./migration.ts); `Database` (lib/server/db/schema.ts) includes them. Times are epoch ms.
 */

export interface ModelMonitorWindowsTable {
  id: string;
  name: string;
  version: number;
  minute: number;
  requests: number;
  errors: number;
  latency_json: string;
  classes_json: string;
  inputs_json: string;
  rss_bytes: number;
}

export interface ModelPredictionsTable {
  id: string;
  name: string;
  version: number;
  created_at: number;
  predicted_class: number | null;
  label: number | null;
  labelled_at: number | null;
}

export interface ModelReferencesTable {
  name: string;
  version: number;
  reference_json: string;
  created_at: number;
}

export interface AlertRulesTable {
  id: string;
  target_kind: string;
  model_name: string | null;
  model_version: number | null;
  /** An alias rule's alias (migration 012): the version is resolved at each evaluation. */
  model_alias: string | null;
  run_id: string | null;
  metric: string;
  comparator: string;
  threshold: number;
  window_minutes: number;
  created_at: number;
  state: string;
  last_value: number | null;
  evaluated_at: number | null;
}

export interface AlertEventsTable {
  id: string;
  rule_id: string;
  fired_at: number;
  value: number | null;
  message: string;
  delivery: string;
  attempts: number;
  last_error: string | null;
}

export interface WorkspaceSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface MonitoringTables {
  model_monitor_windows: ModelMonitorWindowsTable;
  model_predictions: ModelPredictionsTable;
  model_references: ModelReferencesTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  workspace_settings: WorkspaceSettingsTable;
}
