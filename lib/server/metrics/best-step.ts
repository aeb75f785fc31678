import type { MetricReads } from './metric-sql';
import { ROLLUP_FANOUT, ROLLUP_LEVELS } from './rollup';

const TOP_LEVEL = ROLLUP_LEVELS[ROLLUP_LEVELS.length - 1];

/**
 * The first step at which a series logged `value`, its best (`min` or `max`) value, found by
 * walking down the rollups: at each level only buckets whose min (max) reaches the value can hold
 * it, so a series of any length costs a few reads of at most 16 rows instead of a scan of its
 * points. Depth first, in step order, so the first hit is the earliest step. null when no point
 * holds the value (a write changed the series between reading its best and walking here).
 */
export async function stepOfValue(reads: MetricReads, seriesId: number, goal: 'min' | 'max', value: number): Promise<number | null> {
  const mayHold = (agg: { min: number | null; max: number | null }) => (goal === 'min' ? agg.min !== null && agg.min <= value : agg.max !== null && agg.max >= value);

  const search = async (level: number, lo: number, hi: number): Promise<number | null> => {
    if (level === 0) {
      const hit = (await reads.readPoints(seriesId, lo, hi)).find((p) => p.value === value);
      return hit ? hit.step : null;
    }
    for (const row of await reads.readRollups(seriesId, level, lo, hi)) {
      if (!mayHold(row)) continue;
      const found = await search(level - 1, row.bucket * ROLLUP_FANOUT, row.bucket * ROLLUP_FANOUT + ROLLUP_FANOUT - 1);
      if (found !== null) return found;
    }
    return null;
  };
  return search(TOP_LEVEL, 0, Number.MAX_SAFE_INTEGER);
}
