/**
 * Which live charts a run gets, from its metric keys alone (bench.train logs `batch/loss`,
 * `train/<m>`, `val/<m>`, `lr`, `perf/*`, `memory/*`; hand-written runs log any key):
 * the per-batch loss gets its own chart, each epoch metric shares a chart with its validation
 * twin (`train/loss` + `val/loss`), and system figures stay numbers, not charts.
 */
export interface ChartGroup {
  title: string;
  xLabel: 'batch' | 'epoch' | 'step';
  keys: { key: string; validation: boolean }[];
}

const SYSTEM = /^(perf|memory|sys)[/_.]|^(lr|learning_rate)$|samples_per_s|step_ms/;
const BATCH = /^batch[/_.]/;
const TRAIN = /^(train|training)[/_.]/;
const VALIDATION = /^(val|validation)[/_.]/;

export function isSystemKey(key: string): boolean {
  return SYSTEM.test(key);
}

export function groupLiveCharts(keys: string[]): ChartGroup[] {
  const charted = keys.filter((k) => !isSystemKey(k));
  const groups: ChartGroup[] = [];
  // Per-batch metrics other than the loss are noisy duplicates of the epoch curves: chart only the loss.
  const batchLoss = charted.find((k) => BATCH.test(k) && /loss/.test(k));
  if (batchLoss) groups.push({ title: 'loss per batch', xLabel: 'batch', keys: [{ key: batchLoss, validation: false }] });
  const perEpoch = charted.some((k) => TRAIN.test(k) || VALIDATION.test(k));
  const byBase = new Map<string, ChartGroup>();
  for (const key of charted.filter((k) => !BATCH.test(k))) {
    const base = key.replace(TRAIN, '').replace(VALIDATION, '');
    if (!byBase.has(base)) byBase.set(base, { title: perEpoch ? `${base} per epoch` : base, xLabel: perEpoch ? 'epoch' : 'step', keys: [] });
    byBase.get(base)!.keys.push({ key, validation: VALIDATION.test(key) });
  }
  // Loss first, then the rest alphabetically; training before validation inside a chart.
  const sorted = [...byBase.values()].sort((a, b) => Number(!/loss/.test(a.title)) - Number(!/loss/.test(b.title)) || a.title.localeCompare(b.title));
  for (const g of sorted) g.keys.sort((a, b) => Number(a.validation) - Number(b.validation));
  return [...groups, ...sorted];
}
