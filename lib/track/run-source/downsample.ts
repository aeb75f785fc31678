import type { MetricPoint } from '../schemas';
import type { MetricKeySummary, RunHistory } from './run-source';

/**
 * The server's history answer computed over points already in memory (a local run), so a local
 * chart looks like a server one: the points when there are at most `maxPoints`, else buckets of
 * `bucketWidth` steps (aligned to multiples of it) keeping the last point with min and max
 * (NaN ignored; NaN when a bucket holds only NaN). `points` are ordered by step.
 */
export function downsampleHistory(key: string, points: readonly MetricPoint[], maxPoints: number): RunHistory {
  if (!(maxPoints >= 1)) throw new RangeError(`maxPoints must be at least 1, got ${maxPoints}`);
  if (points.length <= maxPoints) return { key, downsampled: false, bucketWidth: 1, points: points.map((p) => ({ step: p.step, value: p.value, timeMs: p.timeMs })) };
  const lo = points[0].step;
  const hi = points[points.length - 1].step;
  let width = Math.max(1, Math.ceil((hi - lo + 1) / maxPoints));
  // Aligned buckets can straddle both ends: widen until the count fits.
  while (Math.floor(hi / width) - Math.floor(lo / width) + 1 > maxPoints) width++;
  const out: RunHistory['points'] = [];
  let bucket = Number.NaN;
  for (const p of points) {
    const b = Math.floor(p.step / width);
    const cur = out[out.length - 1];
    if (b !== bucket || !cur) {
      bucket = b;
      out.push({ step: p.step, value: p.value, timeMs: p.timeMs, min: Number.isNaN(p.value) ? Number.NaN : p.value, max: Number.isNaN(p.value) ? Number.NaN : p.value, count: 1 });
      continue;
    }
    Object.assign(cur, { step: p.step, value: p.value, timeMs: p.timeMs, count: cur.count! + 1 });
    if (!Number.isNaN(p.value)) {
      cur.min = Number.isNaN(cur.min!) ? p.value : Math.min(cur.min!, p.value);
      cur.max = Number.isNaN(cur.max!) ? p.value : Math.max(cur.max!, p.value);
    }
  }
  return { key, downsampled: true, bucketWidth: width, points: out };
}

/** Count, last, min and max of one series (NaN ignored by min and max; NaN when all are NaN). */
export function summarizeSeries(key: string, points: readonly MetricPoint[]): MetricKeySummary {
  let min = Number.NaN;
  let max = Number.NaN;
  for (const { value } of points) {
    if (Number.isNaN(value)) continue;
    if (!(value >= min)) min = value;
    if (!(value <= max)) max = value;
  }
  return { key, count: points.length, last: points.length ? points[points.length - 1].value : Number.NaN, min, max };
}
