import { sql, type Kysely, type Migration } from 'kysely';
import type { DbDialect } from '../db/connect';

export const REPORTS_MIGRATION_NAME = '007_reports';

/**
 * Reports, and share links that point at a report instead of a run: `shares` gains `kind`
 * ('run' | 'report') and `report_id`, and its `run_id` becomes nullable. PostgreSQL alters the
 * column in place; SQLite cannot drop a NOT NULL, so there the table is rebuilt with its rows
 * (nothing references `shares`, so dropping the old table touches no other table).
 */
export function reportsMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('run_set', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_updated').on('reports').columns(['updated_at', 'id']).execute();

      if (dialect === 'postgres') {
        await sql`alter table shares alter column run_id drop not null`.execute(db);
        await db.schema.alterTable('shares').addColumn('kind', 'text', (c) => c.notNull().defaultTo('run')).execute();
        await db.schema.alterTable('shares').addColumn('report_id', 'text', (c) => c.references('reports.id').onDelete('cascade')).execute();
      } else {
        await sql`create table shares_007 (
          token text primary key,
          run_id text references runs(id) on delete cascade,
          created_at bigint not null,
          revoked_at bigint,
          include_code integer not null default 1,
          kind text not null default 'run',
          report_id text references reports(id) on delete cascade
        )`.execute(db);
        await sql`insert into shares_007 (token, run_id, created_at, revoked_at, include_code, kind)
          select token, run_id, created_at, revoked_at, include_code, 'run' from shares`.execute(db);
        await sql`drop table shares`.execute(db);
        await sql`alter table shares_007 rename to shares`.execute(db);
        await db.schema.createIndex('shares_run').on('shares').column('run_id').execute();
      }
      await db.schema.createIndex('shares_report').on('shares').column('report_id').execute();
    },
  };
}
