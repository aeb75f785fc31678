import type { MetricSql, MetricWrites, PointColumns } from './metric-sql';
import { aggOfPoint, aggregateInto, levelWidth, ROLLUP_FANOUT, ROLLUP_LEVELS, toRanges, uniqueSorted } from './rollup';

/** A validated point of one run (value may be NaN/±Infinity; timeMs whole milliseconds). */
export interface IngestPoint {
  key: string;
  step: number;
  value: number;
  timeMs: number;
}

const TOP_LEVEL = ROLLUP_LEVELS[ROLLUP_LEVELS.length - 1];

/**
 * Stores a batch of one run's points and brings its rollups and series rows up to date, all in
 * one transaction: after a crash either the whole batch is there with consistent rollups, or
 * none of it. Rollup buckets touched by the batch are recomputed from the level below (not
 * incremented), so re-sending a batch leaves every count unchanged.
 */
export async function ingestPoints(sql: MetricSql, runId: string, points: IngestPoint[]): Promise<number> {
  if (points.length === 0) return 0;
  const byKey = new Map<string, PointColumns>();
  for (const p of points) {
    let cols = byKey.get(p.key);
    if (!cols) byKey.set(p.key, (cols = { steps: [], timesMs: [], values: [] }));
    cols.steps.push(p.step);
    cols.timesMs.push(p.timeMs);
    cols.values.push(Number.isNaN(p.value) ? null : p.value);
  }
  await sql.write(runId, async (tx) => {
    for (const [key, cols] of byKey) {
      await tx.insertPoints(runId, key, cols);
      await refreshRollups(tx, runId, key, cols.steps);
    }
  });
  return points.length;
}

async function refreshRollups(tx: MetricWrites, runId: string, key: string, steps: number[]): Promise<void> {
  // Buckets at level 1 touched by the batch; each level up is the parent buckets of the last.
  let buckets = uniqueSorted(steps.map((s) => Math.floor(s / ROLLUP_FANOUT)));
  for (const level of ROLLUP_LEVELS) {
    for (const [bLo, bHi] of toRanges(buckets)) {
      // A bucket is recomputed from all of its children, not only the new points.
      const childLo = bLo * ROLLUP_FANOUT;
      const childHi = bHi * ROLLUP_FANOUT + ROLLUP_FANOUT - 1;
      const aggs =
        level === 1
          ? aggregateInto(await tx.readPoints(runId, key, childLo, childHi), (p) => Math.floor(p.step / levelWidth(1)), aggOfPoint)
          : aggregateInto(await tx.readRollups(runId, key, level - 1, childLo, childHi), (r) => Math.floor(r.bucket / ROLLUP_FANOUT), (r) => r);
      await tx.upsertRollups(runId, key, level, aggs);
    }
    buckets = uniqueSorted(buckets.map((b) => Math.floor(b / ROLLUP_FANOUT)));
  }
  await tx.refreshSeries(runId, key, TOP_LEVEL);
}
