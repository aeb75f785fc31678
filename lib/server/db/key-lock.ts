import { sql, type Kysely } from 'kysely';
import type { DbDialect } from './connect';
import type { Database } from './schema';

/**
 * Holds an exclusive lock on `key` (e.g. `run:<id>`) until the surrounding transaction ends, so
 * read-modify-write transactions on one thing apply one after another across connections and
 * app instances, even when the row does not exist yet (a row lock needs a row).
 *   - PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the key.
 *   - SQLite: nothing to do here: every transaction begins IMMEDIATE (sqlite-immediate.ts), so
 *     it holds the database's one write lock from its first read.
 */
export async function lockKeyForTransaction(trx: Kysely<Database>, dialect: DbDialect, key: string): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** The key a run's metric writers serialize on (metrics/metric-sql-postgres.ts); deleting the run takes it too. */
export const metricsLockKey = (runId: string) => `metrics:${runId}`;
