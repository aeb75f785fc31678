import type { MetricSummary } from './schemas';

/**
 * Folds one logged value into a metric's summary. NaN and ±Infinity count and become `last`
 * (a diverging loss must show), but min/max track finite values only so one NaN does not erase
 * the best value seen; a metric that was never finite keeps NaN as min/max.
 */
export function updateSummary(prev: MetricSummary | undefined, value: number, step: number): MetricSummary {
  if (!prev) {
    return { last: value, min: Number.isFinite(value) ? value : Number.NaN, max: Number.isFinite(value) ? value : Number.NaN, step, count: 1 };
  }
  const finite = Number.isFinite(value);
  const min = !finite ? prev.min : Number.isNaN(prev.min) ? value : Math.min(prev.min, value);
  const max = !finite ? prev.max : Number.isNaN(prev.max) ? value : Math.max(prev.max, value);
  // A late point for an earlier step (a retry) updates min/max but not `last`.
  const isLatest = step >= prev.step;
  return { last: isLatest ? value : prev.last, min, max, step: isLatest ? step : prev.step, count: prev.count + 1 };
}

/** Applies many points (in the order logged) to a run's summary record, returning a new record. */
export function summarize(
  summary: Record<string, MetricSummary>,
  points: Iterable<{ key: string; step: number; value: number }>,
): Record<string, MetricSummary> {
  const next = { ...summary };
  for (const p of points) next[p.key] = updateSummary(next[p.key], p.value, p.step);
  return next;
}
