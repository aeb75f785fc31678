import type pg from 'pg';
import { seriesFromRow, type MetricReads, type MetricSql, type MetricWrites, type RollupRow, type SeriesTuple } from './metric-sql';
import type { RawPoint } from './rollup';
import { metricsLockKey } from '../db/key-lock';

const SERIES_COLS = 'id, key, count, nan_count, min_step, max_step, min_value, max_value, last_step, last_time_ms, last_value';

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Runs a keyset page read with the planner held to the (series_id, step, time_ms) index. Before
 * PostgreSQL has statistics for a freshly loaded series (autovacuum analyzes a minute or more
 * later), it guesses a few hundred matching rows and picks a bitmap scan plus a sort of every
 * point after the cursor: 200 ms a page, 100 s for a 1M-point MLflow get-history. Walking the
 * index in order reads just `limit` rows whatever the statistics say.
 */
async function inIndexOrder<T>(pool: pg.Pool, fn: (c: Queryable) => Promise<T>): Promise<T> {
  return inTransaction(pool, 'BEGIN READ ONLY; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off', fn);
}

/** `fn` inside one transaction on a pooled client (`begin` opens it), committed or rolled back. */
async function inTransaction<T>(pool: pg.Pool, begin: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // A client that failed mid-transaction may be broken: destroy it rather than reuse it.
    client.release(failed || undefined);
  }
}

/**
 * The metric hot path on PostgreSQL: one `unnest` insert per batch and key (any size, one round
 * trip), rollups upserted the same way. Writers of the same run serialize on an advisory lock so
 * two concurrent batches cannot both recompute a shared rollup bucket from a stale view.
 */
export function postgresMetricSql(pool: pg.Pool): MetricSql {
  const rows = async <T>(q: Queryable, text: string, values: unknown[]) => (await q.query({ text, values, rowMode: 'array' })).rows as T[];

  /** `pool` when reading outside a transaction (keyset pages then pin their plan, see inIndexOrder). */
  const readsOn = (q: Queryable, pool?: pg.Pool): MetricReads => ({
    async series(runId, key) {
      const [row] = await rows<SeriesTuple>(q, `SELECT ${SERIES_COLS} FROM metric_series WHERE run_id = $1 AND key = $2`, [runId, key]);
      return row ? seriesFromRow(row) : undefined;
    },
    async listSeries(runId) {
      return (await rows<SeriesTuple>(q, `SELECT ${SERIES_COLS} FROM metric_series WHERE run_id = $1 AND count > 0 ORDER BY key`, [runId])).map(seriesFromRow);
    },
    async readPoints(seriesId, lo, hi) {
      const list = await rows<[number, number, number | null]>(
        q,
        'SELECT step, time_ms, value FROM metric_points WHERE series_id = $1 AND step BETWEEN $2 AND $3 ORDER BY step, time_ms',
        [seriesId, lo, hi],
      );
      return list.map(([step, timeMs, value]): RawPoint => ({ step, timeMs, value }));
    },
    async readRollups(seriesId, level, bLo, bHi) {
      const list = await rows<[number, number, number, number | null, number | null, number, number, number | null]>(
        q,
        `SELECT bucket, count, nan_count, min_value, max_value, last_step, last_time_ms, last_value FROM metric_rollups
         WHERE series_id = $1 AND level = $2 AND bucket BETWEEN $3 AND $4 ORDER BY bucket`,
        [seriesId, level, bLo, bHi],
      );
      return list.map(([bucket, count, nanCount, min, max, lastStep, lastTimeMs, lastValue]): RollupRow => ({
        bucket, count, nanCount, min, max, lastStep, lastTimeMs, lastValue,
      }));
    },
    async readPage(seriesId, after = { step: -1, timeMs: -1 }, limit, maxStep = Number.MAX_SAFE_INTEGER) {
      const read = (c: Queryable) =>
        rows<[number, number, number | null]>(
          c,
          'SELECT step, time_ms, value FROM metric_points WHERE series_id = $1 AND (step, time_ms) > ($2, $3) AND step <= $4 ORDER BY step, time_ms LIMIT $5',
          [seriesId, after.step, after.timeMs, maxStep, limit],
        );
      const list = await (pool ? inIndexOrder(pool, read) : read(q));
      return list.map(([step, timeMs, value]): RawPoint => ({ step, timeMs, value }));
    },
  });

  const writesOn = (q: Queryable): MetricWrites => ({
    ...readsOn(q),
    async createSeries(runId, key) {
      const [[id]] = await rows<[number]>(
        q,
        `INSERT INTO metric_series (run_id, key, count, nan_count, min_step, max_step, last_step, last_time_ms)
         VALUES ($1, $2, 0, 0, 0, 0, 0, 0) RETURNING id`,
        [runId, key],
      );
      return id;
    },
    async insertPoints(seriesId, { steps, timesMs, values }) {
      await q.query(
        `INSERT INTO metric_points (series_id, step, time_ms, value)
         SELECT $1, s, t, v FROM unnest($2::bigint[], $3::bigint[], $4::float8[]) AS u(s, t, v)
         ON CONFLICT (series_id, step, time_ms) DO UPDATE SET value = excluded.value`,
        [seriesId, steps, timesMs, values],
      );
    },
    async upsertRollups(seriesId, level, aggs) {
      if (aggs.size === 0) return;
      const cols: unknown[][] = [[], [], [], [], [], [], [], []];
      for (const [bucket, a] of aggs) {
        [bucket, a.count, a.nanCount, a.min, a.max, a.lastStep, a.lastTimeMs, a.lastValue].forEach((v, i) => cols[i].push(v));
      }
      await q.query(
        `INSERT INTO metric_rollups (series_id, level, bucket, count, nan_count, min_value, max_value, last_step, last_time_ms, last_value)
         SELECT $1, $2, b, c, n, mn, mx, ls, lt, lv
         FROM unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[], $8::bigint[], $9::bigint[], $10::float8[])
           AS u(b, c, n, mn, mx, ls, lt, lv)
         ON CONFLICT (series_id, level, bucket) DO UPDATE SET count = excluded.count, nan_count = excluded.nan_count,
           min_value = excluded.min_value, max_value = excluded.max_value, last_step = excluded.last_step,
           last_time_ms = excluded.last_time_ms, last_value = excluded.last_value`,
        [seriesId, level, ...cols],
      );
    },
    async updateSeries(t) {
      await q.query(
        `UPDATE metric_series SET count = $1, nan_count = $2, min_step = $3, max_step = $4, min_value = $5, max_value = $6,
           last_step = $7, last_time_ms = $8, last_value = $9 WHERE id = $10`,
        [t.count, t.nanCount, t.minStep, t.maxStep, t.min, t.max, t.lastStep, t.lastTimeMs, t.lastValue, t.id],
      );
    },
    async firstStep(seriesId) {
      const [row] = await rows<[number]>(q, 'SELECT step FROM metric_points WHERE series_id = $1 ORDER BY step LIMIT 1', [seriesId]);
      return row?.[0];
    },
  });

  return {
    async write(runId, fn) {
      return inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [metricsLockKey(runId)]);
        return fn(writesOn(client));
      });
    },
    async read(fn) {
      return fn(readsOn(pool, pool));
    },
  };
}
