import { sql, type Kysely, type Migration } from 'kysely';
import type { DbDialect } from '../db/connect';

/**
 * Indexes and statistics for the runs query at 100,000 runs (issue 13's speed goals; bench:runs).
 *
 * - run_param_values / run_metrics by (run_id, key) with every value column: a filter's probe
 *   ("does this run have lr < 0.01?") and a page's params and metrics are read from the index
 *   alone, without a table lookup per row (3× less CPU for a 10,000-match count on SQLite).
 * - runs by id with the columns a filter or sort most often asks (soft delete, status, created,
 *   name): a run reached from a tag or param index is checked without reading its row, which
 *   holds config, summary and env (kilobytes) before the soft-delete column that ALTER TABLE
 *   appended, so SQLite read overflow pages to answer `deleted_at is null`.
 * - visible runs (partial: deleted_at is null) by created and by name: the default and the name
 *   sort walk them in order. PostgreSQL cannot order by created_at through the (deleted_at,
 *   created_at) index after `deleted_at is null` and read every run's heap row instead.
 * - PostgreSQL: visible runs by sample bucket (count.ts), so an estimated total reads ~2 % of them.
 * - PostgreSQL: statistics over (key, value) pairs. Per column, `key = 'optimizer' and text_value
 *   in ('adam', 'sgd')` looked 20× rarer than it is, so the planner hashed all 50,000 matches and
 *   sorted them (840 ms) instead of walking the sort's index and probing (20 ms).
 */
export const RUNS_PERF_MIGRATION_NAME = '010_runs_perf';

export function runsPerfMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('run_param_values_cover').on('run_param_values').columns(['run_id', 'key', 'num_value', 'text_value', 'kind']).execute();
      await db.schema.createIndex('run_metrics_cover').on('run_metrics').columns(['run_id', 'key', 'last_value', 'min_value', 'max_value']).execute();
      await db.schema.createIndex('runs_id_visible').on('runs').columns(['id', 'deleted_at', 'status', 'created_at', 'name']).execute();
      await db.schema.createIndex('runs_visible_created').on('runs').columns(['created_at', 'id']).where(sql.ref('deleted_at'), 'is', null).execute();
      await db.schema.createIndex('runs_visible_name').on('runs').columns(['name', 'id']).where(sql.ref('deleted_at'), 'is', null).execute();
      if (dialect !== 'postgres') return;
      // The sample that estimates a total past the exact cap (count.ts sampleBucket): its ~2 % of
      // visible runs as an index range instead of hashing every id (SQLite hashes the rowid as it
      // scans: it cannot index an expression of the rowid).
      await sql`create index runs_sample_bucket on runs ((hashtext(id) & 1023), id) where deleted_at is null`.execute(db);
      // … and the planner's estimate of its size (without it a sample looked 10× bigger and was hash-joined).
      await sql`create statistics runs_sample_bucket_stats on (hashtext(id) & 1023) from runs`.execute(db);
      const pairs: Array<[string, string, string]> = [
        ['run_param_values_key_text', 'run_param_values', 'text_value'],
        ['run_param_values_key_num', 'run_param_values', 'num_value'],
        ['run_metrics_key_last', 'run_metrics', 'last_value'],
        ['run_metrics_key_min', 'run_metrics', 'min_value'],
        ['run_metrics_key_max', 'run_metrics', 'max_value'],
        ['run_tags_key_value_stats', 'run_tags', 'value'],
      ];
      for (const [name, table, column] of pairs) {
        await sql`create statistics ${sql.id(name)} (mcv, dependencies) on key, ${sql.id(column)} from ${sql.table(table)}`.execute(db);
      }
      // Existing rows: gather the new statistics now rather than at autovacuum's next turn.
      await sql`analyze runs, run_param_values, run_metrics, run_tags`.execute(db);
    },
  };
}
