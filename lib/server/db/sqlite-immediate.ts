import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite dialect with every transaction opened as `BEGIN IMMEDIATE`.
 *
 * A plain (deferred) `BEGIN` reads first and upgrades to the write lock at its first write; when
 * another process committed in between, SQLite answers SQLITE_BUSY at once, without waiting out
 * `busy_timeout` (the upgrade could deadlock). That was the 500 "database is locked" with two
 * servers on one data dir. `BEGIN IMMEDIATE` takes the write lock first and waits for it.
 *
 * The adapter also tells Kysely's Migrator that DDL is transactional (it is, in SQLite): the
 * migrator then reads which migrations ran and applies the rest inside one such transaction.
 * Kysely's SQLite migration lock is a no-op (it assumes one connection), so without this two
 * servers starting on a fresh data dir both ran 001 and one died: "table projects already exists".
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
