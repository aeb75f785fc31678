import type { Kysely, Migration } from 'kysely';

/**
 * Sweeps and their trial↔run links (issue 5). Registered in lib/server/db/migrations.ts under
 * SWEEPS_MIGRATION_NAME. The whole sweep state is one JSON column updated under a row lock
 * (see lock.ts), which is what keeps two agents from ever getting the same trial.
 */
export const SWEEPS_MIGRATION_NAME = '002_sweeps';

export const sweepsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sweeps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('function_name', 'text')
      .addColumn('notebook_id', 'text')
      .addColumn('lease_ms', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sweeps_project_created').on('sweeps').columns(['project_id', 'created_at']).execute();
    await db.schema
      .createTable('sweep_trial_runs')
      .addColumn('sweep_id', 'text', (c) => c.notNull().references('sweeps.id').onDelete('cascade'))
      .addColumn('trial_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sweep_trial_runs_pk', ['sweep_id', 'trial_id', 'run_id'])
      .execute();
    await db.schema.createIndex('sweep_trial_runs_run').on('sweep_trial_runs').column('run_id').execute();
  },
};
