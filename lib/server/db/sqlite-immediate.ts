import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite dialect with every transaction opened as `BEGIN IMMEDIATE`.
 *
 * A plain (deferred) `BEGIN` reads first and upgrades to the write lock at its first write; when
 * another process committed in between, SQLite answers SQLITE_BUSY at once, without waiting out
 * `busy_timeout` (the upgrade could deadlock). That was the 500 "database is locked" with two
 * servers on one data dir. `BEGIN IMMEDIATE` takes the write lock first and waits for it.
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
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
