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

/** Sample buckets: a run's bucket is 10 bits of a hash fixed per run. */
export const SAMPLE_BUCKETS = 1024;

/**
 * A sample of the runs table: the runs whose bucket (10 bits of a hash fixed per run: SQLite,
 * the top bits of Knuth's multiplicative hash of the rowid; PostgreSQL, hashtext of the id, which
 * 010_runs_perf indexes) is below `buckets`. The same query samples the same runs every time, so
 * an estimate does not jitter between refreshes. Hashed, not every n-th rowid: runs made in a
 * periodic pattern (a tag on every 10th run) aliased with a stride and were counted twice over.
 * `buckets` is SAMPLE_BUCKETS (the whole table) when the table is small.
 */
export async function runSample(db: Kysely<Database>, dialect: DbDialect, sampleRuns: number): Promise<{ buckets: number; where: RawBuilder<boolean> }> {
  const size = await runTableSize(db, dialect);
  const buckets = Math.min(SAMPLE_BUCKETS, Math.max(1, Math.ceil((SAMPLE_BUCKETS * sampleRuns) / Math.max(1, size))));
  if (buckets === SAMPLE_BUCKETS) return { buckets, where: sql<boolean>`1 = 1` };
  return { buckets, where: sql<boolean>`${sampleBucket(dialect)} < ${buckets}` };
}

/** A run's sample bucket, 0 … SAMPLE_BUCKETS - 1 (PostgreSQL's expression is the one 010_runs_perf indexes). */
export function sampleBucket(dialect: DbDialect): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`(((r.rowid * 2654435761) & 4294967295) >> 22)` : sql<number>`(hashtext(r.id) & 1023)`;
}

/** Rows in `runs`, roughly: SQLite's largest rowid, PostgreSQL's planner statistics (exact when never analyzed). */
export async function runTableSize(db: Kysely<Database>, dialect: DbDialect): Promise<number> {
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
  if (sample.buckets === SAMPLE_BUCKETS) return { total: n, exact: true };
  return { total: Math.max(cap + 1, roundEstimate((n * SAMPLE_BUCKETS) / sample.buckets)), exact: false };
}

/** Three significant digits: an estimate should not read as a count. */
function roundEstimate(n: number): number {
  if (n < 1000) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / unit) * unit;
}
