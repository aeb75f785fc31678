import { sql, type Kysely } from 'kysely';
import type { Db, DbDialect } from '../db/connect';
import type { Database } from '../db/schema';
import type { SweepsTable } from './tables';

/**
 * One sweep's row, read and written inside one transaction that holds its lock, so concurrent
 * requests (many agents, many app instances) apply their transitions one after another:
 *   - PostgreSQL: `SELECT … FOR UPDATE` on the sweep's row; other sweeps are not blocked.
 *   - SQLite: every transaction begins IMMEDIATE (db/sqlite-immediate.ts), taking the database's
 *     write lock before the read, so a second process cannot read the same state in between.
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
  return db.kysely.transaction().execute(async (tx) => {
    const select = tx.selectFrom('sweeps').selectAll().where('id', '=', sweepId);
    const row = await (db.dialect === 'postgres' ? select.forUpdate() : select).executeTakeFirst();
    return fn({ tx, row, nowMs: await lockedNowMs(tx, db.dialect, processNowMs) });
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
