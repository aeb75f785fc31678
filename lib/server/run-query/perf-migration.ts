import type { Kysely, Migration } from 'kysely';

/**
 * Covering indexes for the runs query at 100,000 runs (issue 13's speed goals; bench:runs).
 *
 * - run_param_values / run_metrics by (run_id, key) with every value column: a filter's probe
 *   ("does this run have lr < 0.01?") and a page's params and metrics are read from the index
 *   alone, without a table lookup per row (3× less CPU for a 10,000-match count on SQLite).
 * - runs by id with the columns a filter or sort most often asks (soft delete, status, created,
 *   name): a run reached from a tag or param index is checked without reading its row, which
 *   holds config, summary and env (kilobytes) before the soft-delete column that ALTER TABLE
 *   appended, so SQLite read overflow pages to answer `deleted_at is null`.
 * - runs by (deleted_at, name, id): the name sort of visible runs in index order.
 */
export const RUNS_PERF_MIGRATION_NAME = '010_runs_perf';

export const runsPerfMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('run_param_values_cover').on('run_param_values').columns(['run_id', 'key', 'num_value', 'text_value', 'kind']).execute();
    await db.schema.createIndex('run_metrics_cover').on('run_metrics').columns(['run_id', 'key', 'last_value', 'min_value', 'max_value']).execute();
    await db.schema.createIndex('runs_id_visible').on('runs').columns(['id', 'deleted_at', 'status', 'created_at', 'name']).execute();
    await db.schema.createIndex('runs_deleted_name').on('runs').columns(['deleted_at', 'name', 'id']).execute();
  },
};
