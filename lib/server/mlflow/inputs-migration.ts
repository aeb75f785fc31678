import type { Kysely, Migration } from 'kysely';

/** Beside 008_model_registry (same owner): the datasets MLflow runs log as inputs (issue 15). */
export const RUN_INPUTS_MIGRATION_NAME = '008b_mlflow_run_inputs';

/**
 * One row per (run, dataset name, digest): MLflow's Dataset fields and the input's tags (its
 * `mlflow.data.context`, e.g. "training"). Logging the same dataset again merges its tags.
 */
export const runInputsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('run_inputs')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('schema', 'text')
      .addColumn('profile', 'text')
      .addColumn('tags_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_inputs_pk', ['run_id', 'name', 'digest'])
      .execute();
  },
};

/** The table as Kysely sees it; `Database` includes it. */
export interface RunInputsTable {
  run_id: string;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
  /** JSON object of the input's tags. */
  tags_json: string;
  created_at: number;
}
