import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import type { SweepsTable } from './tables';

/**
 * One sweep's row, read and written inside one transaction that holds its lock, so concurrent
 * requests (many agents, many app instances) apply their transitions one after another:
 *   - PostgreSQL: `SELECT … FOR UPDATE` on the sweep's row; other sweeps are not blocked.
 *   - SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the read, so a second
 *     process cannot read the same state in between (a deferred BEGIN would let two readers
 *     race and one fail on upgrade). Inside one process Kysely's single connection already
 *     serializes transactions; `connection()` keeps the whole read-modify-write on it.
 */
export async function withLockedSweep<T>(db: Db, sweepId: string, fn: (tx: Kysely<Database>, row: SweepsTable | undefined) => Promise<T>): Promise<T> {
  const { kysely } = db;
  if (db.dialect === 'postgres') {
    return kysely.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('sweeps').selectAll().where('id', '=', sweepId).forUpdate().executeTakeFirst();
      return fn(tx, row);
    });
  }
  return kysely.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const row = await conn.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirst();
      const result = await fn(conn, row);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
