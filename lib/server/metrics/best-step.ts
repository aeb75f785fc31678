import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ROLLUP_FANOUT, ROLLUP_LEVELS } from './rollup';

/** A series and its best value (its min for goal `min`, its max for `max`). */
export interface BestTarget {
  seriesId: number;
  value: number;
}

/** Buckets (or steps, below level 1) of one series still to look in. */
interface Range {
  lo: number;
  hi: number;
  value: number;
}

/**
 * The first step at which each series logged its best value, found by walking down the rollups
 * for all series at once: one query per level (5) plus one for points, whatever the number of
 * series and their length. At each level the first bucket whose min (max) reaches the best holds
 * it, since the best is the series' own min (max). A series missing from the answer had its best
 * change between reading it and walking here (a concurrent write): the caller asks again later.
 */
export async function stepsOfBest(db: Kysely<Database>, goal: 'min' | 'max', targets: readonly BestTarget[]): Promise<Map<number, number>> {
  let ranges = new Map<number, Range>(targets.map((t) => [t.seriesId, { lo: 0, hi: Number.MAX_SAFE_INTEGER, value: t.value }]));
  // (series_id = a and bucket between lo and hi) or (…): one range per series, served by the primary keys.
  const within = (column: 'bucket' | 'step') =>
    sql<boolean>`(${sql.join([...ranges].map(([id, r]) => sql`(series_id = ${id} and ${sql.ref(column)} between ${r.lo} and ${r.hi})`), sql` or `)})`;
  for (const level of [...ROLLUP_LEVELS].reverse()) {
    if (ranges.size === 0) return new Map();
    const rows = await db
      .selectFrom('metric_rollups')
      .select(['series_id', 'bucket', 'min_value', 'max_value'])
      .where('level', '=', level)
      .where(within('bucket'))
      .orderBy('series_id')
      .orderBy('bucket')
      .execute();
    const next = new Map<number, Range>();
    for (const row of rows) {
      const id = Number(row.series_id);
      const r = ranges.get(id);
      if (!r || next.has(id)) continue;
      const holds = goal === 'min' ? row.min_value !== null && row.min_value <= r.value : row.max_value !== null && row.max_value >= r.value;
      const bucket = Number(row.bucket);
      if (holds) next.set(id, { lo: bucket * ROLLUP_FANOUT, hi: bucket * ROLLUP_FANOUT + ROLLUP_FANOUT - 1, value: r.value });
    }
    ranges = next;
  }
  if (ranges.size === 0) return new Map();
  const points = await db
    .selectFrom('metric_points')
    .select(['series_id', 'step', 'value'])
    .where(within('step'))
    .orderBy('series_id')
    .orderBy('step')
    .orderBy('time_ms')
    .execute();
  const found = new Map<number, number>();
  for (const p of points) {
    const id = Number(p.series_id);
    if (!found.has(id) && p.value !== null && p.value === ranges.get(id)?.value) found.set(id, Number(p.step));
  }
  return found;
}
