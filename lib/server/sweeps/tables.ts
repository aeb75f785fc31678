/**
 * The sweep tables as Kysely sees them. They live beside the tracking tables (lib/server/db) and
 * are created by this folder's migration; `Database` (lib/server/db/schema.ts) includes them.
 */

export interface SweepsTable {
  id: string;
  project_id: string;
  name: string | null;
  /** 'running' | 'finished' | 'stopped', mirrored from `state` so lists can filter in SQL. */
  status: string;
  reason: string | null;
  /** The config as written (YAML or JSON text). */
  spec: string;
  /** JSON: sweepStateToJSON(state), every trial included. The one source of truth. */
  state: string;
  /** JSON {cells: [{cellId, source}]}: the notebook code an agent runs before its first trial. */
  code: string | null;
  function_name: string | null;
  notebook_id: string | null;
  lease_ms: number;
  /** The class whose students may join as agents (migration 004_classroom); null: workspace only. */
  class_id: string | null;
  created_at: number;
  updated_at: number;
}

/** Which run (made in the agent's browser) each attempt of a trial produced. */
export interface SweepTrialRunsTable {
  sweep_id: string;
  trial_id: string;
  run_id: string;
  agent_id: string;
  attempt: number;
  created_at: number;
}

export interface SweepTables {
  sweeps: SweepsTable;
  sweep_trial_runs: SweepTrialRunsTable;
}
