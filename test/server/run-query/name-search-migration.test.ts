import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '@/lib/server/db/migrations';
import { RUNS_NAME_SEARCH_MIGRATION_NAME } from '@/lib/server/run-query/name-search-migration';
import { BACKENDS } from '../harness';
import { createTestDatabase, postgresBaseUrl } from '../pg';
import { withMigrationDb } from './migration-db';

describe.each(BACKENDS)('migration 011_runs_name_search (%s)', (backend) => {
  it('indexes the names of runs stored before it', async () => {
    await withMigrationDb(backend, async ({ kysely, migrate }) => {
      expect((await migrate(new Set([RUNS_NAME_SEARCH_MIGRATION_NAME]))).error).toBeUndefined();
      await sql`insert into projects (id, name, created_at, updated_at) values ('p', 'P', 1, 1)`.execute(kysely);
      for (const [id, name] of [['old-1', 'Old MNIST run'], ['old-2', 'cifar']]) {
        await sql`insert into runs (id, project_id, name, status, config, env, source, summary, created_at, updated_at)
          values (${id}, 'p', ${name}, 'finished', '{}', '{}', 'browser', '{}', 1, 1)`.execute(kysely);
      }
      expect((await migrate()).error).toBeUndefined();
      if (backend === 'sqlite') {
        const { rows } = await sql<{ run_id: string }>`select s.run_id from run_name_trigrams join run_name_search s on s.seq = run_name_trigrams.rowid where run_name_trigrams match '"mnist r"'`.execute(kysely);
        expect(rows).toEqual([{ run_id: 'old-1' }]);
      } else {
        const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'runs_name_trgm'`.execute(kysely);
        expect(rows[0]?.indexdef).toMatch(/gin \(lower\(name\) gin_trgm_ops\)/);
      }
    });
  });
});

describe('migration 011_runs_name_search without pg_trgm (postgres)', () => {
  it('succeeds without the index when the extension may not be created, and `~` still scans', async () => {
    // A role that owns its tables but has no CREATE on the database, which CREATE EXTENSION needs
    // (pg_trgm is a trusted extension): the same failure as a server without the contrib package.
    const role = `benchtop_nocreate_${randomBytes(4).toString('hex')}`;
    const pgDb = await createTestDatabase();
    const admin = new pg.Client({ connectionString: pgDb.url });
    await admin.connect();
    let kysely: Kysely<unknown> | undefined;
    try {
      await admin.query(`create role ${role} login`);
      await admin.query(`grant create, usage on schema public to ${role}`);
      const url = new URL(pgDb.url);
      url.username = role;
      kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString() }) }) });
      const result = await new Migrator({ db: kysely, provider: migrationProvider('postgres'), allowUnorderedMigrations: true }).migrateToLatest();
      expect(result.error).toBeUndefined();
      expect(result.results?.find((r) => r.migrationName === RUNS_NAME_SEARCH_MIGRATION_NAME)?.status).toBe('Success');
      expect((await sql`select 1 from pg_indexes where indexname = 'runs_name_trgm'`.execute(kysely)).rows).toEqual([]);
      await sql`insert into projects (id, name, created_at, updated_at) values ('p', 'P', 1, 1)`.execute(kysely);
      await sql`insert into runs (id, project_id, name, status, config, env, source, summary, created_at, updated_at)
        values ('r', 'p', 'Some MNIST run', 'finished', '{}', '{}', 'browser', '{}', 1, 1)`.execute(kysely);
      const { rows } = await sql<{ id: string }>`select id from runs where lower(name) like '%mnist%'`.execute(kysely);
      expect(rows).toEqual([{ id: 'r' }]);
    } finally {
      await kysely?.destroy();
      await admin.end();
      await pgDb.drop();
      const c = new pg.Client({ connectionString: postgresBaseUrl() });
      await c.connect();
      await c.query(`drop role if exists ${role}`).finally(() => c.end());
    }
  });
});
