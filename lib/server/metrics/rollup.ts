/**
 * Pure aggregation behind metric rollups and downsampled history (no I/O). A value of `null`
 * means NaN, as in the metric tables. "Last" is the point with the greatest (step, timeMs).
 */

/** Rollup level L groups `16^L` consecutive steps; levels 1..5 cover 16 to ~1M steps a bucket. */
export const ROLLUP_LEVELS = [1, 2, 3, 4, 5] as const;
export const ROLLUP_FANOUT = 16;

export function levelWidth(level: number): number {
  return ROLLUP_FANOUT ** level;
}

export interface RawPoint {
  step: number;
  timeMs: number;
  /** null = NaN */
  value: number | null;
}

/** Summary of the points of one bucket (or of a whole series). */
export interface Agg {
  count: number;
  nanCount: number;
  /** Over non-NaN values; null when all were NaN. */
  min: number | null;
  max: number | null;
  lastStep: number;
  lastTimeMs: number;
  lastValue: number | null;
}

export function aggOfPoint(p: RawPoint): Agg {
  return {
    count: 1,
    nanCount: p.value === null ? 1 : 0,
    min: p.value,
    max: p.value,
    lastStep: p.step,
    lastTimeMs: p.timeMs,
    lastValue: p.value,
  };
}

/** Merges `b` into `a` (mutates and returns `a`). */
export function mergeAgg(a: Agg, b: Agg): Agg {
  a.count += b.count;
  a.nanCount += b.nanCount;
  if (b.min !== null && (a.min === null || b.min < a.min)) a.min = b.min;
  if (b.max !== null && (a.max === null || b.max > a.max)) a.max = b.max;
  if (b.lastStep > a.lastStep || (b.lastStep === a.lastStep && b.lastTimeMs >= a.lastTimeMs)) {
    a.lastStep = b.lastStep;
    a.lastTimeMs = b.lastTimeMs;
    a.lastValue = b.lastValue;
  }
  return a;
}

/** Groups items into buckets, in any order. The first Agg of a bucket is copied, never mutated. */
export function aggregateInto<T>(
  items: Iterable<T>,
  bucketOf: (item: T) => number,
  aggOf: (item: T) => Agg,
): Map<number, Agg> {
  const out = new Map<number, Agg>();
  for (const item of items) {
    const bucket = bucketOf(item);
    const existing = out.get(bucket);
    if (existing) mergeAgg(existing, aggOf(item));
    else out.set(bucket, copyAgg(aggOf(item)));
  }
  return out;
}

export function copyAgg(a: Agg): Agg {
  return { count: a.count, nanCount: a.nanCount, min: a.min, max: a.max, lastStep: a.lastStep, lastTimeMs: a.lastTimeMs, lastValue: a.lastValue };
}

/** Sorted unique values. */
export function uniqueSorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Contiguous [lo, hi] ranges covering sorted ids; ids closer than `maxGap` share a range, so a
 * batch of consecutive steps costs one range query per level, and a batch of scattered steps
 * never reads the whole series.
 */
export function toRanges(sortedIds: number[], maxGap = 64): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const id of sortedIds) {
    const last = ranges[ranges.length - 1];
    if (last && id - last[1] <= maxGap) last[1] = id;
    else ranges.push([id, id]);
  }
  return ranges;
}

/** One Agg for all of `aggs` (must not be empty); the inputs are not mutated. */
export function mergeAll(aggs: Agg[]): Agg {
  const total = copyAgg(aggs[0]);
  for (let i = 1; i < aggs.length; i++) mergeAgg(total, aggs[i]);
  return total;
}
