import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrationProvider } from './migrations';
import { ImmediateSqliteDialect } from './sqlite-immediate';

export type DbDialect = 'sqlite' | 'postgres';

/**
 * The one SQL layer: Kysely for ordinary queries, plus the raw driver for the metric hot path
 * (prepared multi-row inserts). A discriminated union so the hot path cannot use the wrong one.
 */
export type Db =
  | { dialect: 'sqlite'; kysely: Kysely<Database>; sqlite: BetterSqlite3.Database; close(): Promise<void> }
  | { dialect: 'postgres'; kysely: Kysely<Database>; pool: pg.Pool; close(): Promise<void> };

export interface OpenDbOptions {
  /** PostgreSQL URL; when absent, SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath?: string;
  pgPoolSize?: number;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl, options.pgPoolSize ?? 10) : openSqlite(options);
  await migrateToLatest(db);
  if (db.dialect === 'sqlite') {
    // Table statistics for the query planner (the runs query picks between a filter's index and
    // a sort's index by them); PostgreSQL's autovacuum keeps its own. analysis_limit keeps this
    // to milliseconds on a big database; 0x10002 = analyze what needs it, even on a new connection.
    db.sqlite.pragma('analysis_limit = 1000');
    db.sqlite.pragma('optimize = 0x10002');
  }
  return db;
}

/** How long a statement waits for another process's write lock on SQLite (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

function openSqlite(options: OpenDbOptions): Db {
  const file = options.sqlitePath ?? path.resolve('data', 'benchtop.sqlite');
  // Only this user may read the workspace: a data dir we create is 0700, a database file 0600;
  // SQLite gives its -wal and -shm files the database file's mode.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(/*turbopackIgnore: true*/ file, 'a', 0o600)); // the data dir is runtime data, not app code to trace
  const sqlite = new BetterSqlite3(file);
  // First, so every later statement (switching to WAL included) waits for another process's lock.
  // Another process (a second server, a test) may hold the write lock briefly.
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (SIGKILL); only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // 64 MiB page cache (default 2 MiB): the metric B-trees' upper levels stay in memory while ingesting.
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    kysely,
    sqlite,
    close: async () => {
      await kysely.destroy(); // closes the better-sqlite3 handle too
    },
  };
}

/** BIGINT and NUMERIC arrive as strings by default; every one we store fits a double. */
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * A PostgreSQL handle without migrating (openDb migrates). Also a second, small pool beside the
 * main one, for readers that must not queue behind writers (the leaderboard pollers).
 */
export function openPostgres(url: string, poolSize: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes as pg.CustomTypesConfig });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('[benchtop] postgres pool error:', err.message));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    kysely,
    pool,
    close: async () => {
      await kysely.destroy(); // ends the pool
    },
  };
}

/** How long a starting process waits for another one's migrations on the same SQLite file (ms). */
const SQLITE_MIGRATION_WAIT_MS = 60_000;

async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider(db.dialect), allowUnorderedMigrations: true });
  // Every migration of a fresh database runs in one write transaction, which took 0.3-0.6 s on a
  // loaded 2-core machine and can take longer than the 5 s a request waits for a lock: a second
  // server starting beside the first waits for it rather than failing to start.
  if (db.dialect === 'sqlite') db.sqlite.pragma(`busy_timeout = ${SQLITE_MIGRATION_WAIT_MS}`);
  const { error, results } = await migrator.migrateToLatest().finally(() => {
    if (db.dialect === 'sqlite') db.sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  });
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
