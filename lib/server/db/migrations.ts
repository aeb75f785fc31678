import { sql, type Kysely, type RawBuilder, type Migration, type MigrationProvider } from 'kysely';
import type { DbDialect } from './connect';
import { SWEEPS_MIGRATION_NAME, sweepsMigration } from '../sweeps/migration';
import { CLASSROOM_MIGRATION_NAME, classroomMigration } from '../classroom/migration';
import { NOTEBOOKS_MIGRATION_NAME, notebooksMigration } from '../notebooks/migration';
import { REPORTS_MIGRATION_NAME, reportsMigration } from '../reports/migration';
import { RUN_QUERY_MIGRATION_NAME, runQueryMigration } from '../run-query/migration';
import { REGISTRY_MIGRATION_NAME, registryMigration } from '../registry/migration';
import { RUN_INPUTS_MIGRATION_NAME, runInputsMigration } from '../mlflow/inputs-migration';
import { MONITORING_MIGRATION_NAME, monitoringMigration } from '../monitoring/migration';
import { RUNS_PERF_MIGRATION_NAME, runsPerfMigration } from '../run-query/perf-migration';
import { RUNS_NAME_SEARCH_MIGRATION_NAME, runsNameSearchMigration } from '../run-query/name-search-migration';
import { PREDICT_TOKENS_MIGRATION_NAME, predictTokensMigration } from '../predict-tokens/migration';

/**
 * Schema migrations, in code so they ship inside the Next.js bundle and the standalone server.
 * One list, applied in name order by Kysely's Migrator on both SQLite and PostgreSQL (a database
 * that already has a later one still gets an earlier one added after it: allowUnorderedMigrations); the few
 * dialect differences (WITHOUT ROWID) are branches inside a migration. Never edit a shipped
 * migration: add the next one.
 */
function migrations(dialect: DbDialect): Record<string, Migration> {
  /** SQLite stores metric rows clustered by primary key without a second rowid b-tree. */
  const clustered = <T extends { modifyEnd(modifier: RawBuilder<unknown>): T }>(b: T): T =>
    dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b;

  return {
    '001_tracking': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('projects')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('lifecycle_stage', 'text', (c) => c.notNull().defaultTo('active'))
          .execute();
        await db.schema.createIndex('projects_name').unique().on('projects').column('name').execute();
        await db.schema
          .createTable('project_tags')
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('project_tags_pk', ['project_id', 'key'])
          .execute();

        await db.schema
          .createTable('runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
          .addColumn('notebook_id', 'text')
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('status_reason', 'text')
          .addColumn('config', 'text', (c) => c.notNull())
          .addColumn('env', 'text', (c) => c.notNull())
          .addColumn('code', 'text')
          .addColumn('dataset_fingerprint', 'text')
          .addColumn('sweep_id', 'text')
          .addColumn('trial_id', 'text')
          .addColumn('owner', 'text')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('finished_at', 'bigint')
          .addColumn('lifecycle_stage', 'text', (c) => c.notNull().defaultTo('active'))
          .execute();
        await db.schema.createIndex('runs_project_created').on('runs').columns(['project_id', 'created_at']).execute();
        await db.schema.createIndex('runs_created').on('runs').columns(['created_at', 'id']).execute();
        await db.schema.createIndex('runs_sweep').on('runs').column('sweep_id').execute();

        for (const table of ['run_params', 'run_tags']) {
          await db.schema
            .createTable(table)
            .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
            .addColumn('key', 'text', (c) => c.notNull())
            .addColumn('value', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint(`${table}_pk`, ['run_id', 'key'])
            .execute();
        }

        // A series is one (run, key); points and rollups hang off its integer id.
        await db.schema
          .createTable('metric_series')
          .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('count', 'bigint', (c) => c.notNull())
          .addColumn('nan_count', 'bigint', (c) => c.notNull())
          .addColumn('min_step', 'bigint', (c) => c.notNull())
          .addColumn('max_step', 'bigint', (c) => c.notNull())
          .addColumn('min_value', 'double precision')
          .addColumn('max_value', 'double precision')
          .addColumn('last_step', 'bigint', (c) => c.notNull())
          .addColumn('last_time_ms', 'bigint', (c) => c.notNull())
          .addColumn('last_value', 'double precision')
          .addUniqueConstraint('metric_series_run_key', ['run_id', 'key'])
          .execute();

        await clustered(
          db.schema
            .createTable('metric_points')
            // No foreign key: PostgreSQL checks one per inserted row, which made ingest 3× slower.
            // runsRepo.delete removes a run's points explicitly instead of by cascade.
            .addColumn('series_id', 'bigint', (c) => c.notNull())
            .addColumn('step', 'bigint', (c) => c.notNull())
            .addColumn('time_ms', 'bigint', (c) => c.notNull())
            .addColumn('value', 'double precision')
            .addPrimaryKeyConstraint('metric_points_pk', ['series_id', 'step', 'time_ms']),
        ).execute();

        await clustered(
          db.schema
            .createTable('metric_rollups')
            .addColumn('series_id', 'bigint', (c) => c.notNull().references('metric_series.id').onDelete('cascade'))
            .addColumn('level', 'integer', (c) => c.notNull())
            .addColumn('bucket', 'bigint', (c) => c.notNull())
            .addColumn('count', 'bigint', (c) => c.notNull())
            .addColumn('nan_count', 'bigint', (c) => c.notNull())
            .addColumn('min_value', 'double precision')
            .addColumn('max_value', 'double precision')
            .addColumn('last_step', 'bigint', (c) => c.notNull())
            .addColumn('last_time_ms', 'bigint', (c) => c.notNull())
            .addColumn('last_value', 'double precision')
            .addPrimaryKeyConstraint('metric_rollups_pk', ['series_id', 'level', 'bucket']),
        ).execute();

        await db.schema
          .createTable('artifacts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('size_bytes', 'bigint', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('meta', 'text')
          .addColumn('storage_key', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('artifacts_run').on('artifacts').columns(['run_id', 'created_at']).execute();

        await db.schema
          .createTable('shares')
          .addColumn('token', 'text', (c) => c.primaryKey())
          .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema.createIndex('shares_run').on('shares').column('run_id').execute();
      },
    },
    [SWEEPS_MIGRATION_NAME]: sweepsMigration,
    '003_share_include_code': {
      // Links made before this showed the code; new links hide it unless the sharer asks.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('shares').addColumn('include_code', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      },
    },
    [CLASSROOM_MIGRATION_NAME]: classroomMigration,
    [NOTEBOOKS_MIGRATION_NAME]: notebooksMigration,
    [REPORTS_MIGRATION_NAME]: reportsMigration(dialect),
    [RUN_QUERY_MIGRATION_NAME]: runQueryMigration,
    [REGISTRY_MIGRATION_NAME]: registryMigration,
    [RUN_INPUTS_MIGRATION_NAME]: runInputsMigration,
    [MONITORING_MIGRATION_NAME]: monitoringMigration,
    [RUNS_PERF_MIGRATION_NAME]: runsPerfMigration(dialect),
    [RUNS_NAME_SEARCH_MIGRATION_NAME]: runsNameSearchMigration(dialect),
    [PREDICT_TOKENS_MIGRATION_NAME]: predictTokensMigration,
  };
}

export function migrationProvider(dialect: DbDialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
