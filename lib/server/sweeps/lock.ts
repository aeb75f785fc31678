import { sql, type Kysely } from 'kysely';
import type { Db, DbDialect } from '../db/connect';
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
export interface LockedSweep {
  tx: Kysely<Database>;
  row: SweepsTable | undefined;
  /** Now, by the clock every app instance shares (see lockedNowMs). */
  nowMs: number;
}

export interface WithLockedSweepOptions {
  db: Db;
  sweepId: string;
  /** This process's clock (tests skew it); used only where the database has no shared one. */
  processNowMs: () => number;
}

export async function withLockedSweep<T>({ db, sweepId, processNowMs }: WithLockedSweepOptions, fn: (locked: LockedSweep) => Promise<T>): Promise<T> {
  const { kysely } = db;
  if (db.dialect === 'postgres') {
    return kysely.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('sweeps').selectAll().where('id', '=', sweepId).forUpdate().executeTakeFirst();
      return fn({ tx, row, nowMs: await lockedNowMs(tx, db.dialect, processNowMs) });
    });
  }
  return kysely.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const row = await conn.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirst();
      const result = await fn({ tx: conn, row, nowMs: await lockedNowMs(conn, db.dialect, processNowMs) });
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * The time leases are measured in, read after the lock is held. App instances on different
 * hosts disagree by up to seconds, so on PostgreSQL it is the database server's clock (one for
 * all instances); one SQLite file is for one host, whose clock every process shares.
 */
async function lockedNowMs(tx: Kysely<Database>, dialect: DbDialect, processNowMs: () => number): Promise<number> {
  if (dialect === 'sqlite') return processNowMs();
  const { rows } = await sql<{ now_ms: number }>`SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms`.execute(tx);
  return Number(rows[0].now_ms);
}
