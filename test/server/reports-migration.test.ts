import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '@/lib/server/db/migrations';
import { openDb } from '@/lib/server/db/connect';
import { sharesRepo } from '@/lib/server/repos/shares';
import { reportsRepo } from '@/lib/server/reports/repo';
import { REPORTS_MIGRATION_NAME } from '@/lib/server/reports/migration';
import { BACKENDS, tempDataDir } from './harness';
import { createTestDatabase } from './pg';

/**
 * Migration 007 rebuilds SQLite's shares table (run_id becomes nullable): share links made before
 * it must keep working, revoked ones stay revoked, on a database that already holds them.
 */
describe.each(BACKENDS)('migration 007_reports on a database with run shares (%s)', (backend) => {
  it('keeps every existing share link and its state', async () => {
    const pgDb = backend === 'postgres' ? await createTestDatabase() : undefined;
    const dir = tempDataDir();
    const sqlitePath = path.join(dir, 'benchtop.sqlite');
    const dialect = pgDb ? 'postgres' : 'sqlite';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before 007 is not today's Database
    const old = new Kysely<any>({
      dialect: pgDb ? new PostgresDialect({ pool: new pg.Pool({ connectionString: pgDb.url, max: 1 }) }) : new SqliteDialect({ database: new BetterSqlite3(sqlitePath) }),
    });
    try {
      const all = await migrationProvider(dialect).getMigrations();
      const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < REPORTS_MIGRATION_NAME));
      const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => before }, allowUnorderedMigrations: true }).migrateToLatest();
      expect(error).toBeUndefined();
      await old.insertInto('projects').values({ id: 'p', name: 'p', created_at: 1, updated_at: 1 }).execute();
      const run = { project_id: 'p', name: 'r', status: 'finished', config: '{}', env: '{}', source: 'browser', summary: '{}', created_at: 1, updated_at: 1 };
      await old.insertInto('runs').values({ ...run, id: 'run-1' }).execute();
      const live = 'a'.repeat(43);
      const revoked = 'b'.repeat(43);
      await old.insertInto('shares').values({ token: live, run_id: 'run-1', created_at: 5, revoked_at: null, include_code: 0 }).execute();
      await old.insertInto('shares').values({ token: revoked, run_id: 'run-1', created_at: 6, revoked_at: 7, include_code: 1 }).execute();
    } finally {
      await old.destroy();
    }

    const db = await openDb(pgDb ? { databaseUrl: pgDb.url } : { sqlitePath });
    try {
      const shares = sharesRepo(db.kysely);
      expect(await shares.resolve('a'.repeat(43))).toEqual({ token: 'a'.repeat(43), runId: 'run-1', createdAt: 5, includeCode: false });
      expect(await shares.resolve('b'.repeat(43))).toBeUndefined();
      expect((await shares.listForRun('run-1')).map((s) => s.token)).toEqual(['a'.repeat(43)]);
      // And the new kind lives beside them.
      const report = await reportsRepo(db.kysely).create({ title: 't', blocks: [], runs: { ids: ['run-1'] } }, 10);
      const share = await shares.createForReport({ reportId: report.id, nowMs: 11 });
      expect(await shares.resolveReport(share.token)).toEqual(share);
      expect(await shares.resolve(share.token)).toBeUndefined();
      // Deleting a run still takes its shares with it (the rebuilt table kept the cascade).
      await db.kysely.deleteFrom('runs').where('id', '=', 'run-1').execute();
      expect(await db.kysely.selectFrom('shares').select('token').where('run_id', '=', 'run-1').execute()).toEqual([]);
    } finally {
      await db.close();
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
