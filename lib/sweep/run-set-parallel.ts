import { label, numericAxis, position, type PcAxis, type PcLine, type PcModel } from './parallel-coordinates';
import type { TrialStatus } from './sweep-state';

/** One run as the run-set plots see it: its scalar params and one metric value. */
export interface RunPoint {
  id: string;
  status: TrialStatus;
  params: Record<string, string | number | boolean | null>;
  /** The chosen metric (e.g. its last value); null when the run has none. */
  metric: number | null;
}

export interface RunSetModelOptions {
  runs: RunPoint[];
  /** Param keys to draw as axes, in order (typically those that differ between the runs). */
  paramKeys: string[];
  metricKey: string;
  /** Lower is better (a loss): colours the lowest metric as the best. */
  minimize: boolean;
}

/**
 * Parallel coordinates of any set of runs (not only a sweep's trials): one axis per param,
 * numeric when every run that has it holds a number, categorical otherwise, and the metric last.
 * The same PcModel as a sweep's, so the sweep's SVG component draws it.
 */
export function buildRunSetModel({ runs, paramKeys, metricKey, minimize }: RunSetModelOptions): PcModel {
  const axes: PcAxis[] = paramKeys.map((key) => {
    const values = runs.map((r) => r.params[key]).filter((v) => v !== undefined && v !== null);
    if (values.length > 0 && values.every((v) => typeof v === 'number')) return numericAxis(key, values as number[], false, false);
    const categories = [...new Set(values.map(label))].sort();
    return { key, label: key, kind: 'categorical', log: false, min: 0, max: 1, categories, isMetric: false };
  });
  const metrics = runs.map((r) => r.metric);
  const finite = metrics.filter((m): m is number => m !== null && Number.isFinite(m));
  axes.push(numericAxis(metricKey, finite, false, true));
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const lines = runs.map((r, index): PcLine => {
    const positions = paramKeys.map((key, j) => (r.params[key] === undefined ? null : position(axes[j], r.params[key])));
    positions.push(r.metric === null ? null : position(axes[axes.length - 1], r.metric));
    let quality: number | null = null;
    if (r.metric !== null) quality = !Number.isFinite(r.metric) ? 1 : hi > lo ? (minimize ? r.metric - lo : hi - r.metric) / (hi - lo) : 0;
    return { trialId: r.id, index, status: r.status, positions, metric: r.metric, quality };
  });
  return { axes, lines };
}

/** Whether lower is better for a metric, judged by its name the way W&B's defaults do. */
export function lowerIsBetter(metricKey: string): boolean {
  return /loss|error|err\b|perplexity|mse|mae|rmse/i.test(metricKey);
}
