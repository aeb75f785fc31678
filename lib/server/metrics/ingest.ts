import type { MetricSql, MetricWrites, PointColumns, SeriesRow } from './metric-sql';
import { aggOfPoint, aggregateInto, copyAgg, levelWidth, mergeAgg, mergeAll, ROLLUP_FANOUT, ROLLUP_LEVELS, toRanges, uniqueSorted, type Agg } from './rollup';

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
 * none of it.
 *
 * Two paths, chosen per key. The common one, a batch whose steps all lie beyond the series'
 * last step, only adds new points: each touched bucket is its old row merged with the batch's
 * aggregate (one row read per level). Anything else (a re-send after a lost answer, MLflow
 * re-logging a step) recomputes every touched bucket from the level below, so counts never
 * double.
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
    for (const [key, batchCols] of byKey) {
      const cols = lastCopies(batchCols);
      const existing = await tx.series(runId, key);
      const series = existing && existing.count > 0 ? existing : undefined;
      const id = existing ? existing.id : await tx.createSeries(runId, key);
      let minStep = cols.steps[0];
      for (const s of cols.steps) if (s < minStep) minStep = s;
      await tx.insertPoints(id, cols);
      if (!series || minStep > series.maxStep) await appendRollups(tx, id, key, cols, series, minStep);
      else await recomputeRollups(tx, id, key, cols.steps);
    }
  });
  return points.length;
}

/**
 * The batch's points minus repeats of a (step, timeMs) it already holds, keeping the last copy
 * (what a re-send does through the upsert). Without this, a repeat inside one batch is stored
 * once but counted twice in the series and rollups, and PostgreSQL refuses an upsert that
 * touches one row twice. Strictly increasing steps (the usual batch) cost one pass.
 */
export function lastCopies(cols: PointColumns): PointColumns {
  const { steps, timesMs, values } = cols;
  let increasing = true;
  for (let i = 1; i < steps.length && increasing; i++) increasing = steps[i] > steps[i - 1];
  if (increasing) return cols;
  const lastIndex = new Map<string, number>();
  for (let i = 0; i < steps.length; i++) lastIndex.set(`${steps[i]}:${timesMs[i]}`, i);
  if (lastIndex.size === steps.length) return cols;
  const out: PointColumns = { steps: [], timesMs: [], values: [] };
  for (let i = 0; i < steps.length; i++) {
    if (lastIndex.get(`${steps[i]}:${timesMs[i]}`) !== i) continue;
    out.steps.push(steps[i]);
    out.timesMs.push(timesMs[i]);
    out.values.push(values[i]);
  }
  return out;
}

function batchAggs(cols: PointColumns): Map<number, Agg> {
  const out = new Map<number, Agg>();
  const width = levelWidth(1);
  for (let i = 0; i < cols.steps.length; i++) {
    const step = cols.steps[i];
    const value = cols.values[i];
    const agg = aggOfPoint({ step, timeMs: cols.timesMs[i], value });
    const bucket = Math.floor(step / width);
    const existing = out.get(bucket);
    if (existing) mergeAgg(existing, agg);
    else out.set(bucket, agg);
  }
  return out;
}

async function appendRollups(tx: MetricWrites, id: number, key: string, cols: PointColumns, series: SeriesRow | undefined, minStep: number): Promise<void> {
  let batch = batchAggs(cols); // aggregates of the batch alone, per bucket of the current level
  let total: Agg | undefined;
  for (const level of ROLLUP_LEVELS) {
    if (level > 1) batch = aggregateInto(batch, ([b]) => Math.floor(b / ROLLUP_FANOUT), ([, a]) => a);
    const buckets = [...batch.keys()];
    const lo = Math.min(...buckets);
    const hi = Math.max(...buckets);
    const merged = new Map<number, Agg>();
    for (const [b, a] of batch) merged.set(b, copyAgg(a));
    // Old points all lie before the batch, so at most the first bucket already has a row.
    for (const row of await tx.readRollups(id, level, lo, hi)) merged.set(row.bucket, mergeAgg(copyAgg(row), batch.get(row.bucket)!));
    await tx.upsertRollups(id, level, merged);
    if (level === TOP_LEVEL) total = mergeAll([...batch.values()]);
  }
  const grand = series ? mergeAgg(copyAgg(series), total!) : total!;
  await tx.updateSeries({ id, key, ...grand, minStep: series ? series.minStep : minStep, maxStep: grand.lastStep });
}

async function recomputeRollups(tx: MetricWrites, id: number, key: string, steps: number[]): Promise<void> {
  // Buckets at level 1 touched by the batch; each level up is the parent buckets of the last.
  let buckets = uniqueSorted(steps.map((s) => Math.floor(s / ROLLUP_FANOUT)));
  for (const level of ROLLUP_LEVELS) {
    for (const [bLo, bHi] of toRanges(buckets)) {
      // A bucket is recomputed from all of its children, not only the new points.
      const childLo = bLo * ROLLUP_FANOUT;
      const childHi = bHi * ROLLUP_FANOUT + ROLLUP_FANOUT - 1;
      const aggs =
        level === 1
          ? aggregateInto(await tx.readPoints(id, childLo, childHi), (p) => Math.floor(p.step / levelWidth(1)), aggOfPoint)
          : aggregateInto(await tx.readRollups(id, level - 1, childLo, childHi), (r) => Math.floor(r.bucket / ROLLUP_FANOUT), (r) => r);
      await tx.upsertRollups(id, level, aggs);
    }
    buckets = uniqueSorted(buckets.map((b) => Math.floor(b / ROLLUP_FANOUT)));
  }
  const top = await tx.readRollups(id, TOP_LEVEL, 0, Number.MAX_SAFE_INTEGER);
  const total = mergeAll(top);
  const first = (await tx.firstStep(id)) ?? total.lastStep;
  await tx.updateSeries({ id, key, ...total, minStep: first, maxStep: total.lastStep });
}
