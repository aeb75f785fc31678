import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { seriesFromRow, type MetricReads, type MetricSql, type MetricWrites, type PointColumns, type RollupRow, type SeriesRow, type SeriesTuple } from './metric-sql';
import type { RawPoint } from './rollup';

/** Rows per multi-row INSERT: 100 × 4 = 400 bound values, far under SQLite's 32,766. */
const POINT_ROWS = 100;
const ROLLUP_ROWS = 50;

const ROLLUP_COLS = 'series_id, level, bucket, count, nan_count, min_value, max_value, last_step, last_time_ms, last_value';
const SERIES_COLS = 'id, key, count, nan_count, min_step, max_step, min_value, max_value, last_step, last_time_ms, last_value';

/**
 * The metric hot path on better-sqlite3: prepared multi-row statements, synchronous calls.
 * Every call runs while holding Kysely's single-connection mutex, so a Kysely transaction
 * elsewhere can never interleave with a metric batch on the same connection.
 */
export function sqliteMetricSql(sqlite: BetterSqlite3.Database, kysely: Kysely<Database>): MetricSql {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = sqlite.prepare(sql)));
    return st;
  };
  const insertPointsSql = (rows: number) =>
    `INSERT INTO metric_points (series_id, step, time_ms, value) VALUES ${Array(rows).fill('(?,?,?,?)').join(',')}
     ON CONFLICT (series_id, step, time_ms) DO UPDATE SET value = excluded.value`;
  const upsertRollupsSql = (rows: number) =>
    `INSERT INTO metric_rollups (${ROLLUP_COLS}) VALUES ${Array(rows).fill('(?,?,?,?,?,?,?,?,?,?)').join(',')}
     ON CONFLICT (series_id, level, bucket) DO UPDATE SET count = excluded.count, nan_count = excluded.nan_count,
       min_value = excluded.min_value, max_value = excluded.max_value, last_step = excluded.last_step,
       last_time_ms = excluded.last_time_ms, last_value = excluded.last_value`;

  const reads: MetricReads = {
    series(runId, key) {
      const row = prepared(`SELECT ${SERIES_COLS} FROM metric_series WHERE run_id = ? AND key = ?`).raw(true).get(runId, key);
      return row ? seriesFromRow(row as SeriesTuple) : undefined;
    },
    listSeries(runId) {
      const rows = prepared(`SELECT ${SERIES_COLS} FROM metric_series WHERE run_id = ? AND count > 0 ORDER BY key`).raw(true).all(runId);
      return (rows as SeriesTuple[]).map(seriesFromRow);
    },
    readPoints(seriesId, lo, hi) {
      const rows = prepared('SELECT step, time_ms, value FROM metric_points WHERE series_id = ? AND step BETWEEN ? AND ? ORDER BY step, time_ms')
        .raw(true)
        .all(seriesId, lo, hi) as Array<[number, number, number | null]>;
      return rows.map(([step, timeMs, value]): RawPoint => ({ step, timeMs, value }));
    },
    readRollups(seriesId, level, bLo, bHi) {
      const rows = prepared(
        `SELECT bucket, count, nan_count, min_value, max_value, last_step, last_time_ms, last_value FROM metric_rollups
         WHERE series_id = ? AND level = ? AND bucket BETWEEN ? AND ? ORDER BY bucket`,
      )
        .raw(true)
        .all(seriesId, level, bLo, bHi) as Array<[number, number, number, number | null, number | null, number, number, number | null]>;
      return rows.map(
        ([bucket, count, nanCount, min, max, lastStep, lastTimeMs, lastValue]): RollupRow => ({
          bucket, count, nanCount, min, max, lastStep, lastTimeMs, lastValue,
        }),
      );
    },
    readPage(seriesId, after = { step: -1, timeMs: -1 }, limit, maxStep = Number.MAX_SAFE_INTEGER) {
      const rows = prepared('SELECT step, time_ms, value FROM metric_points WHERE series_id = ? AND (step, time_ms) > (?, ?) AND step <= ? ORDER BY step, time_ms LIMIT ?')
        .raw(true)
        .all(seriesId, after.step, after.timeMs, maxStep, limit) as Array<[number, number, number | null]>;
      return rows.map(([step, timeMs, value]): RawPoint => ({ step, timeMs, value }));
    },
  };

  const writes: MetricWrites = {
    ...reads,
    createSeries(runId, key) {
      return prepared(
        `INSERT INTO metric_series (run_id, key, count, nan_count, min_step, max_step, last_step, last_time_ms)
         VALUES (?, ?, 0, 0, 0, 0, 0, 0) RETURNING id`,
      )
        .pluck(true)
        .get(runId, key) as number;
    },
    insertPoints(seriesId, { steps, timesMs, values }: PointColumns) {
      const full = prepared(insertPointsSql(POINT_ROWS));
      for (let start = 0; start < steps.length; start += POINT_ROWS) {
        const n = Math.min(POINT_ROWS, steps.length - start);
        const st = n === POINT_ROWS ? full : prepared(insertPointsSql(n));
        const args: unknown[] = new Array(n * 4);
        for (let j = 0; j < n; j++) {
          const o = j * 4;
          args[o] = seriesId;
          args[o + 1] = steps[start + j];
          args[o + 2] = timesMs[start + j];
          args[o + 3] = values[start + j];
        }
        st.run(args);
      }
    },
    upsertRollups(seriesId, level, rows) {
      const entries = [...rows];
      for (let start = 0; start < entries.length; start += ROLLUP_ROWS) {
        const chunk = entries.slice(start, start + ROLLUP_ROWS);
        const args: unknown[] = [];
        for (const [bucket, a] of chunk) {
          args.push(seriesId, level, bucket, a.count, a.nanCount, a.min, a.max, a.lastStep, a.lastTimeMs, a.lastValue);
        }
        prepared(upsertRollupsSql(chunk.length)).run(args);
      }
    },
    updateSeries(t: SeriesRow) {
      prepared(
        `UPDATE metric_series SET count = ?, nan_count = ?, min_step = ?, max_step = ?, min_value = ?, max_value = ?,
           last_step = ?, last_time_ms = ?, last_value = ? WHERE id = ?`,
      ).run(t.count, t.nanCount, t.minStep, t.maxStep, t.min, t.max, t.lastStep, t.lastTimeMs, t.lastValue, t.id);
    },
    firstStep(seriesId) {
      return prepared('SELECT step FROM metric_points WHERE series_id = ? ORDER BY step LIMIT 1').pluck(true).get(seriesId) as number | undefined;
    },
  };

  return {
    async write(_runId, fn) {
      return kysely.connection().execute(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(writes);
          sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw err;
        }
      });
    },
    async read(fn) {
      return kysely.connection().execute(() => fn(reads));
    },
  };
}
