import type { MetricReads } from './metric-sql';
import { aggOfPoint, aggregateInto, copyAgg, levelWidth, mergeAgg, ROLLUP_LEVELS, type Agg, type RawPoint } from './rollup';

/** Raw points read at once while aggregating a range. */
const POINT_PAGE = 10_000;

export interface HistoryRequest {
  key: string;
  maxPoints: number;
  minStep?: number;
  maxStep?: number;
}

/** A bucket's summary (downsampled) or a single point (raw, count 1 and min = max = value). */
export type HistoryBucket = Agg;

export interface HistoryResult {
  downsampled: boolean;
  bucketWidth: number;
  /** Raw points when not downsampled, else one Agg per non-empty bucket; ordered by step. */
  raw: RawPoint[];
  buckets: HistoryBucket[];
}

export interface BucketPlan {
  /** Steps per output bucket: a multiple of the rollup width used. */
  width: number;
  /** Rollup level read for fully covered buckets; 0 = aggregate raw points. */
  level: number;
}

/**
 * Chooses the output bucket width for a step range so at most `maxPoints` buckets come back,
 * and the coarsest rollup level that divides it (so interior buckets read ≤ 16 rows each).
 */
export function planBuckets(lo: number, hi: number, maxPoints: number): BucketPlan {
  const target = Math.ceil((hi - lo + 1) / maxPoints);
  let level = 0;
  for (const l of ROLLUP_LEVELS) if (levelWidth(l) <= target) level = l;
  const unit = level === 0 ? 1 : levelWidth(level);
  let width = Math.ceil(target / unit) * unit;
  // Aligned buckets can straddle both ends: widen until the count fits.
  while (Math.floor(hi / width) - Math.floor(lo / width) + 1 > maxPoints) width += unit;
  return { width, level };
}

/**
 * W&B-style history: full resolution when the range holds few enough steps, else buckets that
 * keep min, max and last. Interior buckets come from precomputed rollups; buckets cut by a
 * zoom's edges are aggregated from the raw points inside the range.
 */
export async function readHistory(reads: MetricReads, runId: string, req: HistoryRequest): Promise<HistoryResult | undefined> {
  const series = await reads.series(runId, req.key);
  if (!series) return undefined;
  const lo = Math.max(req.minStep ?? series.minStep, series.minStep);
  const hi = Math.min(req.maxStep ?? series.maxStep, series.maxStep);
  const empty: HistoryResult = { downsampled: false, bucketWidth: 1, raw: [], buckets: [] };
  if (lo > hi) return empty;
  const wholeSeries = lo === series.minStep && hi === series.maxStep;
  if (hi - lo + 1 <= req.maxPoints || (wholeSeries && series.count <= req.maxPoints)) {
    // Few steps can still hold many points (MLflow logs every value at step 0 by default).
    const raw = await reads.readPage(series.id, { step: lo, timeMs: -1 }, req.maxPoints + 1, hi);
    if (raw.length <= req.maxPoints) return { ...empty, raw };
  }

  const { width, level } = planBuckets(lo, hi, req.maxPoints);
  const bucketOfStep = (step: number) => Math.floor(step / width);
  // Output buckets [firstFull, lastFull] lie wholly inside [lo, hi]; the (at most two) others are
  // cut by a zoom and come from raw points. Over the whole series nothing lies outside, so none is cut.
  const firstFull = wholeSeries ? Math.floor(lo / width) : Math.ceil(lo / width);
  const lastFull = wholeSeries ? Math.floor(hi / width) : Math.floor((hi + 1) / width) - 1;
  const out = new Map<number, Agg>();
  const add = (bucket: number, agg: Agg) => {
    const existing = out.get(bucket);
    if (existing) mergeAgg(existing, agg);
    else out.set(bucket, copyAgg(agg));
  };

  // Raw points are aggregated a page at a time: memory holds the buckets, never the points.
  const addPoints = async (pLo: number, pHi: number) => {
    let after = { step: pLo, timeMs: -1 };
    for (;;) {
      const page = await reads.readPage(series.id, after, POINT_PAGE, pHi);
      for (const [b, agg] of aggregateInto(page, (p) => bucketOfStep(p.step), aggOfPoint)) add(b, agg);
      const last = page[page.length - 1];
      if (page.length < POINT_PAGE || !last) return;
      after = { step: last.step, timeMs: last.timeMs };
    }
  };
  if (level === 0 || firstFull > lastFull) {
    await addPoints(lo, hi);
  } else {
    const unit = levelWidth(level);
    const rows = await reads.readRollups(series.id, level, (firstFull * width) / unit, ((lastFull + 1) * width) / unit - 1);
    for (const row of rows) add(Math.floor((row.bucket * unit) / width), row);
    const edges: Array<[number, number]> = [
      [lo, firstFull * width - 1],
      [(lastFull + 1) * width, hi],
    ];
    for (const [eLo, eHi] of edges) {
      if (eLo > eHi) continue;
      await addPoints(eLo, eHi);
    }
  }
  const buckets = [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, agg]) => agg);
  return { downsampled: true, bucketWidth: width, raw: [], buckets };
}
