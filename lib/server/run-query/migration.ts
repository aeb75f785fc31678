import { sql, type Kysely, type Migration } from 'kysely';
import { indexRunValues } from './index-run';
import type { Database } from '../db/schema';

/**
 * The runs query (issue 13): soft delete and notes on runs, and two denormalized tables that make
 * a filter or sort over params and metrics an index range instead of JSON parsing per run:
 * run_param_values (the config's scalar leaves, as the list shows them, with a numeric column) and
 * run_metrics (min/max/last per metric, from the run's summary). Both are rewritten with the run
 * (index-run.ts). Registered in lib/server/db/migrations.ts under RUN_QUERY_MIGRATION_NAME.
 */
export const RUN_QUERY_MIGRATION_NAME = '006_run_query';

export const runQueryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('deleted_at', 'bigint').execute();
    await db.schema.alterTable('runs').addColumn('notes', 'text').execute();
    await db.schema
      .createTable('run_param_values')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      /** 's' string, 'n' number, 'b' boolean, 'z' null: the value's JSON type, for the wire row. */
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text_value', 'text', (c) => c.notNull())
      .addColumn('num_value', 'double precision')
      .addPrimaryKeyConstraint('run_param_values_pk', ['run_id', 'key'])
      .execute();
    await db.schema.createIndex('run_param_values_num').on('run_param_values').columns(['key', 'num_value', 'run_id']).execute();
    await db.schema.createIndex('run_param_values_text').on('run_param_values').columns(['key', 'text_value', 'run_id']).execute();
    await db.schema
      .createTable('run_metrics')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      // NULL: NaN (as in the metric tables); ±Infinity stored natively.
      .addColumn('last_value', 'double precision')
      .addColumn('min_value', 'double precision')
      .addColumn('max_value', 'double precision')
      .addPrimaryKeyConstraint('run_metrics_pk', ['run_id', 'key'])
      .execute();
    for (const agg of ['last', 'min', 'max']) {
      await db.schema.createIndex(`run_metrics_${agg}`).on('run_metrics').columns(['key', `${agg}_value`, 'run_id']).execute();
    }
    await db.schema.createIndex('run_tags_key_value').on('run_tags').columns(['key', 'value', 'run_id']).execute();
    // Sorts by a run's own columns walk these; deleted_at first so "not deleted" is a range too.
    await db.schema.createIndex('runs_deleted_created').on('runs').columns(['deleted_at', 'created_at', 'id']).execute();
    await db.schema.createIndex('runs_name').on('runs').columns(['name', 'id']).execute();
    await db.schema.createIndex('runs_updated').on('runs').columns(['updated_at', 'id']).execute();

    // Runs stored before this migration: index them in batches (keyset by id).
    let after = '';
    for (;;) {
      const { rows } = await sql<{ id: string; config: string; summary: string }>`select id, config, summary from runs where id > ${after} order by id limit 500`.execute(db);
      if (rows.length === 0) break;
      for (const r of rows) await indexRunValues(db as Kysely<Database>, r.id, { config: JSON.parse(r.config) as Record<string, unknown>, wireSummary: JSON.parse(r.summary) as Record<string, unknown> });
      after = rows[rows.length - 1].id;
    }
  },
};
