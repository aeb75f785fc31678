import { ACTIVATION_STATS, BASIS_POINTS, parseWatchKey, quantileKey, type ActivationStat, type WatchedKind } from '../bench/watch/watch-keys';

/** A watched tensor: the metric keys of its percentiles, in BASIS_POINTS order. */
export interface WatchedTensor {
  id: string;
  kind: WatchedKind;
  tensor: string;
  keys: string[];
}

/** One watched tensor over steps: per step, its BASIS_POINTS percentiles (lowest first). */
export interface QuantileSeries {
  steps: number[];
  /** rows[i][j]: percentile BASIS_POINTS[j] at steps[i]. */
  rows: number[][];
}

export interface ActivationSummary {
  layer: string;
  /** Each statistic's last logged value. */
  stats: Partial<Record<ActivationStat, number>>;
}

/** What bench.watch logged, from a run's metric keys alone (no points read): tensors to choose from, last activation stats. */
export function watchIndex(metricKeys: readonly { key: string; last: number }[]): { tensors: WatchedTensor[]; activations: ActivationSummary[] } {
  const tensors = new Map<string, WatchedTensor>();
  const activations = new Map<string, ActivationSummary>();
  for (const { key, last } of metricKeys) {
    const parsed = parseWatchKey(key);
    if (parsed?.type === 'quantile') {
      const id = `${parsed.kind}/${parsed.tensor}`;
      if (!tensors.has(id)) tensors.set(id, { id, kind: parsed.kind, tensor: parsed.tensor, keys: BASIS_POINTS.map((bp) => quantileKey(parsed.kind, parsed.tensor, bp)) });
    } else if (parsed?.type === 'activation') {
      const entry = activations.get(parsed.layer) ?? { layer: parsed.layer, stats: {} };
      entry.stats[parsed.stat] = last;
      activations.set(parsed.layer, entry);
    }
  }
  const present = new Set(metricKeys.map((k) => k.key));
  return {
    tensors: [...tensors.values()].filter((t) => t.keys.every((k) => present.has(k))).sort((a, b) => a.kind.localeCompare(b.kind) || a.tensor.localeCompare(b.tensor)),
    activations: [...activations.values()].filter((a) => ACTIVATION_STATS.some((s) => a.stats[s] !== undefined)).sort((a, b) => a.layer.localeCompare(b.layer)),
  };
}

/** The steps where all nine percentiles were logged, from each percentile's points (BASIS_POINTS order). */
export function quantileSeries(histories: readonly (readonly { step: number; value: number }[])[]): QuantileSeries {
  const byStep = new Map<number, number[]>();
  histories.forEach((points, column) => {
    for (const p of points) {
      let row = byStep.get(p.step);
      if (!row) byStep.set(p.step, (row = BASIS_POINTS.map(() => NaN)));
      row[column] = p.value;
    }
  });
  const complete = [...byStep].filter(([, row]) => row.every((v) => !Number.isNaN(v))).sort((a, b) => a[0] - b[0]);
  return { steps: complete.map(([s]) => s), rows: complete.map(([, r]) => r) };
}
