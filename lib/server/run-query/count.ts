import { sql, type Kysely, type RawBuilder } from 'kysely';
import { RUN_QUERY_LIMITS } from '@/lib/track/run-query';
import type { DbDialect } from '../db/connect';
import type { Database } from '../db/schema';

/** Runs a sample aims at: ±2 % of the total for a filter matching a quarter of the runs. */
export const SAMPLE_RUNS = 2000;

export interface RunCount {
  total: number;
  /** False: `total` is an estimate from a sample (more than the exact cap matched). */
  exact: boolean;
}

/**
 * Rows matching `where`, counted up to `cap`: an exact count of a broad filter over 100,000 runs
 * visits every match (10,000 cost 40 ms of CPU on SQLite), a capped one at most the cap.
 * Past it the answer says `exact: false` and `total` is the cap (a lower bound).
 */
export async function countRuns(db: Kysely<Database>, where: RawBuilder<boolean>, cap: number = RUN_QUERY_LIMITS.maxExactTotal): Promise<RunCount> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 as one from runs r where ${where} limit ${cap + 1}) t`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  return n > cap ? { total: cap, exact: false } : { total: n, exact: true };
}

/**
 * A sample of the runs table, 1 in `every` by a hash fixed per run (SQLite: Knuth's
 * multiplicative hash of the rowid, its top 24 bits; PostgreSQL: hashtext of the id), so the
 * same query samples the same runs every time and an estimate does not jitter between
 * refreshes. Hashed, not every n-th rowid: runs made in a periodic pattern (a tag on every 10th
 * run) aliased with a stride and were counted twice over. `every` is 1 when the table is small.
 */
export async function runSample(db: Kysely<Database>, dialect: DbDialect, sampleRuns: number): Promise<{ every: number; where: RawBuilder<boolean> }> {
  const size = await tableSize(db, dialect);
  const every = Math.max(1, Math.ceil(size / sampleRuns));
  if (every === 1) return { every, where: sql<boolean>`1 = 1` };
  return { every, where: dialect === 'sqlite' ? sql<boolean>`(((r.rowid * 2654435761) & 4294967295) >> 8) % ${every} = 0` : sql<boolean>`(hashtext(r.id) & 2147483647) % ${every} = 0` };
}

/** Rows in `runs`, roughly: SQLite's largest rowid, PostgreSQL's planner statistics (exact when never analyzed). */
async function tableSize(db: Kysely<Database>, dialect: DbDialect): Promise<number> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ n: number | null }>`select max(rowid) as n from runs`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{ n: number | string }>`select reltuples as n from pg_class where oid = 'runs'::regclass`.execute(db);
  const n = Number(rows[0]?.n ?? -1);
  if (n >= 1) return n;
  const exact = await sql<{ n: number | string }>`select count(*) as n from runs`.execute(db);
  return Number(exact.rows[0]?.n ?? 0);
}

/**
 * The total of a query's first page: exact up to `cap` (cheap: a broad filter stops after
 * cap + 1 matches), past it estimated from a sample of SAMPLE_RUNS runs (never below cap + 1).
 * An exact count to 10,000 was most of a filtered page's time at 100,000 runs (bench:runs).
 */
export async function countOrEstimate(db: Kysely<Database>, dialect: DbDialect, where: RawBuilder<boolean>, opts: { cap?: number; sampleRuns?: number } = {}): Promise<RunCount> {
  const cap = opts.cap ?? RUN_QUERY_LIMITS.maxExactTotal;
  const counted = await countRuns(db, where, cap);
  if (counted.exact) return counted;
  const sample = await runSample(db, dialect, opts.sampleRuns ?? SAMPLE_RUNS);
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from runs r where ${sample.where} and ${where}`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  // The whole table was read: the count is exact after all.
  if (sample.every === 1) return { total: n, exact: true };
  return { total: Math.max(cap + 1, roundEstimate(n * sample.every)), exact: false };
}

/** Three significant digits: an estimate should not read as a count. */
function roundEstimate(n: number): number {
  if (n < 1000) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / unit) * unit;
}
