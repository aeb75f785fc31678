import type pg from 'pg';
import type { MetricReads, MetricSql, MetricWrites, RollupRow, SeriesRow } from './metric-sql';
import type { RawPoint } from './rollup';

const SERIES_COLS = 'key, count, nan_count, min_step, max_step, min_value, max_value, last_step, last_time_ms, last_value';

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * The metric hot path on PostgreSQL: one `unnest` insert per batch and key (any size, one round
 * trip), rollups upserted the same way. Writers of the same run serialize on an advisory lock so
 * two concurrent batches cannot both recompute a shared rollup bucket from a stale view.
 */
export function postgresMetricSql(pool: pg.Pool): MetricSql {
  const readsOn = (q: Queryable): MetricReads => ({
    async readPoints(runId, key, lo, hi) {
      const res = await q.query({
        text: 'SELECT step, time_ms, value FROM metric_points WHERE run_id = $1 AND key = $2 AND step BETWEEN $3 AND $4 ORDER BY step, time_ms',
        values: [runId, key, lo, hi],
        rowMode: 'array',
      });
      return (res.rows as Array<[number, number, number | null]>).map(([step, timeMs, value]): RawPoint => ({ step, timeMs, value }));
    },
    async readRollups(runId, key, level, bLo, bHi) {
      const res = await q.query({
        text: `SELECT bucket, count, nan_count, min_value, max_value, last_step, last_time_ms, last_value FROM metric_rollups
               WHERE run_id = $1 AND key = $2 AND level = $3 AND bucket BETWEEN $4 AND $5 ORDER BY bucket`,
        values: [runId, key, level, bLo, bHi],
        rowMode: 'array',
      });
      return (res.rows as Array<[number, number, number, number | null, number | null, number, number, number | null]>).map(
        ([bucket, count, nanCount, min, max, lastStep, lastTimeMs, lastValue]): RollupRow => ({
          bucket, count, nanCount, min, max, lastStep, lastTimeMs, lastValue,
        }),
      );
    },
    async series(runId, key) {
      const res = await q.query({
        text: `SELECT ${SERIES_COLS} FROM metric_series WHERE run_id = $1 AND key = $2`,
        values: [runId, key],
        rowMode: 'array',
      });
      return res.rows[0] ? seriesFromRow(res.rows[0] as SeriesTuple) : undefined;
    },
    async listSeries(runId) {
      const res = await q.query({
        text: `SELECT ${SERIES_COLS} FROM metric_series WHERE run_id = $1 ORDER BY key`,
        values: [runId],
        rowMode: 'array',
      });
      return (res.rows as SeriesTuple[]).map(seriesFromRow);
    },
  });

  const writesOn = (q: Queryable): MetricWrites => {
    const reads = readsOn(q);
    return {
      ...reads,
      async insertPoints(runId, key, { steps, timesMs, values }) {
        await q.query(
          `INSERT INTO metric_points (run_id, key, step, time_ms, value)
           SELECT $1, $2, s, t, v FROM unnest($3::bigint[], $4::bigint[], $5::float8[]) AS u(s, t, v)
           ON CONFLICT (run_id, key, step, time_ms) DO UPDATE SET value = excluded.value`,
          [runId, key, steps, timesMs, values],
        );
      },
      async upsertRollups(runId, key, level, rows) {
        if (rows.size === 0) return;
        const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
        for (const [bucket, a] of rows) {
          const row = [bucket, a.count, a.nanCount, a.min, a.max, a.lastStep, a.lastTimeMs, a.lastValue];
          row.forEach((v, i) => cols[i].push(v));
        }
        await q.query(
          `INSERT INTO metric_rollups (run_id, key, level, bucket, count, nan_count, min_value, max_value, last_step, last_time_ms, last_value)
           SELECT $1, $2, $3, b, c, n, mn, mx, ls, lt, lv
           FROM unnest($4::bigint[], $5::bigint[], $6::bigint[], $7::float8[], $8::float8[], $9::bigint[], $10::bigint[], $11::float8[])
             AS u(b, c, n, mn, mx, ls, lt, lv)
           ON CONFLICT (run_id, key, level, bucket) DO UPDATE SET count = excluded.count, nan_count = excluded.nan_count,
             min_value = excluded.min_value, max_value = excluded.max_value, last_step = excluded.last_step,
             last_time_ms = excluded.last_time_ms, last_value = excluded.last_value`,
          [runId, key, level, ...cols.slice(0, 8)],
        );
      },
      async upsertSeries(runId, t) {
        await q.query(
          `INSERT INTO metric_series (run_id, ${SERIES_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
           ON CONFLICT (run_id, key) DO UPDATE SET count = excluded.count, nan_count = excluded.nan_count,
             min_step = excluded.min_step, max_step = excluded.max_step, min_value = excluded.min_value,
             max_value = excluded.max_value, last_step = excluded.last_step, last_time_ms = excluded.last_time_ms,
             last_value = excluded.last_value`,
          [runId, t.key, t.count, t.nanCount, t.minStep, t.maxStep, t.min, t.max, t.lastStep, t.lastTimeMs, t.lastValue],
        );
      },
      async firstStep(runId, key) {
        const res = await q.query({
          text: 'SELECT step FROM metric_points WHERE run_id = $1 AND key = $2 ORDER BY step LIMIT 1',
          values: [runId, key],
          rowMode: 'array',
        });
        return res.rows[0]?.[0] as number | undefined;
      },
    };
  };

  return {
    async write(runId, fn) {
      const client = await pool.connect();
      let failed = false;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`metrics:${runId}`]);
        const result = await fn(writesOn(client));
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
    },
    async read(fn) {
      return fn(readsOn(pool));
    },
  };
}

type SeriesTuple = [string, number, number, number, number, number | null, number | null, number, number, number | null];

function seriesFromRow([key, count, nanCount, minStep, maxStep, min, max, lastStep, lastTimeMs, lastValue]: SeriesTuple): SeriesRow {
  return { key, count, nanCount, minStep, maxStep, min, max, lastStep, lastTimeMs, lastValue };
}
