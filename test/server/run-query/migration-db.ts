import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '@/lib/server/db/migrations';
import { tempDataDir, type Backend } from '../harness';
import { createTestDatabase } from '../pg';

/**
 * A bare database for a migration test (no server): a fresh SQLite file or PostgreSQL database,
 * and a migrator that applies every migration except those named in `skip`.
 */
export async function withMigrationDb(backend: Backend, test: (db: { kysely: Kysely<unknown>; migrate(skip?: ReadonlySet<string>): Promise<MigrationResultSet> }) => Promise<void>): Promise<void> {
  const dir = tempDataDir();
  const pgDb = backend === 'postgres' ? await createTestDatabase() : undefined;
  const kysely = new Kysely<unknown>({
    dialect: pgDb ? new PostgresDialect({ pool: new pg.Pool({ connectionString: pgDb.url }) }) : new SqliteDialect({ database: new BetterSqlite3(path.join(dir, 'db.sqlite')) }),
  });
  const all = migrationProvider(backend);
  const migrate = (skip: ReadonlySet<string> = new Set()) =>
    new Migrator({
      db: kysely,
      provider: { getMigrations: async () => Object.fromEntries(Object.entries(await all.getMigrations()).filter(([name]) => !skip.has(name))) },
      allowUnorderedMigrations: true,
    }).migrateToLatest();
  try {
    await test({ kysely, migrate });
  } finally {
    await kysely.destroy();
    await pgDb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
