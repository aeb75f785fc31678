import { stepAxisOf, type StepAxes, type StepAxis } from '@/lib/track/step-axis';
import { isInstrumentKey } from '@/lib/bench/watch/watch-keys';

/**
 * Which live charts a run gets, from its metric keys and what their steps count (the run's
 * env.stepAxes; bench.train logs `batch/loss` per batch and `train/<m>`, `val/<m>` per epoch;
 * hand-written runs log any key per step): the per-batch loss gets its own chart, each metric
 * shares a chart with its validation twin (`train/loss` + `val/loss`) when both count the same
 * x, and system figures stay numbers, not charts. Titles and x labels name that x.
 */
export interface ChartGroup {
  title: string;
  xLabel: StepAxis;
  keys: { key: string; validation: boolean }[];
}

const SYSTEM = /^(perf|memory|sys)[/_.]|^(lr|learning_rate)$|samples_per_s|step_ms/;
const BATCH = /^batch[/_.]/;
const TRAIN = /^(train|training)[/_.]/;
const VALIDATION = /^(val|validation)[/_.]/;

export function isSystemKey(key: string): boolean {
  return SYSTEM.test(key);
}

/**
 * What a key's steps count. Runs that recorded no axes (hand-written, MLflow, older runs) count
 * generic steps, except `batch/…` keys, which by their name count batches.
 */
export function axisOfKey(key: string, axes: StepAxes | undefined): StepAxis {
  if (axes) return stepAxisOf(key, axes);
  return BATCH.test(key) ? 'batch' : 'step';
}

/** "loss per epoch": the metric and the x it was logged against. */
export function chartTitle(name: string, axis: StepAxis): string {
  return `${name} per ${axis}`;
}

export function groupLiveCharts(keys: string[], axes?: StepAxes): ChartGroup[] {
  const charted = keys.filter((k) => !isSystemKey(k) && !isInstrumentKey(k));
  const groups: ChartGroup[] = [];
  // Per-batch metrics other than the loss are noisy duplicates of the epoch curves: chart only the loss.
  const batchLoss = charted.find((k) => BATCH.test(k) && /loss/.test(k));
  if (batchLoss) {
    const axis = axisOfKey(batchLoss, axes);
    groups.push({ title: chartTitle('loss', axis), xLabel: axis, keys: [{ key: batchLoss, validation: false }] });
  }
  const byBase = new Map<string, ChartGroup>();
  for (const key of charted.filter((k) => !BATCH.test(k))) {
    const base = key.replace(TRAIN, '').replace(VALIDATION, '');
    const axis = axisOfKey(key, axes);
    const id = `${base}\n${axis}`;
    if (!byBase.has(id)) byBase.set(id, { title: chartTitle(base, axis), xLabel: axis, keys: [] });
    byBase.get(id)!.keys.push({ key, validation: VALIDATION.test(key) });
  }
  // Loss first, then the rest alphabetically; training before validation inside a chart.
  const sorted = [...byBase.values()].sort((a, b) => Number(!/loss/.test(a.title)) - Number(!/loss/.test(b.title)) || a.title.localeCompare(b.title));
  for (const g of sorted) g.keys.sort((a, b) => Number(a.validation) - Number(b.validation));
  return [...groups, ...sorted];
}
