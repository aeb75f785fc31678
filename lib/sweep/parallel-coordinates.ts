import { isLogScale } from './distributions';
import { buildSearchSpace, dimensionName, readDimension } from './space';
import { lossOf, type SweepState, type TrialStatus } from './sweep-state';

/**
 * The parallel-coordinates view of a sweep as data: one axis per swept parameter plus one for
 * the metric, every trial a polyline through its positions (0 = bottom, 1 = top). Brushes are
 * position ranges on axes; a trial is selected when it lies inside every brush. Pure, so the
 * SVG component stays a drawing and the selection rules are tested in Node.
 */

export interface PcAxis {
  key: string;
  label: string;
  kind: 'numeric' | 'categorical';
  /** Numeric axes: log10 scale (log-uniform parameters). */
  log: boolean;
  /** Numeric axes: value range shown (in value space, not log). */
  min: number;
  max: number;
  /** Categorical axes: labels bottom to top. */
  categories: string[];
  isMetric: boolean;
}

export interface PcLine {
  trialId: string;
  index: number;
  status: TrialStatus;
  /** Position on each axis in [0, 1]; null when the trial has no value there (no metric yet). */
  positions: (number | null)[];
  metric: number | null;
  /** 0 = best metric of the sweep, 1 = worst; null without a metric. */
  quality: number | null;
}

export interface PcModel {
  axes: PcAxis[];
  lines: PcLine[];
}

/** axis key → [lo, hi] in positions (0..1). */
export type PcBrushes = Record<string, [number, number]>;

export const label = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A trial's metric, or its latest report while it runs (so live trials show on the metric axis). */
function metricOf(t: SweepState['trials'][number]): number | null {
  if (t.metric !== null) return t.metric;
  return t.values.length ? t.values[t.values.length - 1] : null;
}

export function numericAxis(key: string, values: number[], log: boolean, isMetric: boolean): PcAxis {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let min = finite.length ? Math.min(...finite) : 0;
  let max = finite.length ? Math.max(...finite) : 1;
  if (min === max) [min, max] = log ? [min / 2, max * 2] : [min - 0.5, max + 0.5];
  return { key, label: key, kind: 'numeric', log, min, max, categories: [], isMetric };
}

export function position(axis: PcAxis, value: unknown): number | null {
  if (axis.kind === 'categorical') {
    const i = axis.categories.indexOf(label(value));
    if (i < 0) return null;
    return axis.categories.length === 1 ? 0.5 : i / (axis.categories.length - 1);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (axis.log) {
    if (value <= 0) return null;
    return (Math.log10(value) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min));
  }
  return (value - axis.min) / (axis.max - axis.min);
}

/** The value at a position of a numeric axis (for tick labels). */
export function valueAt(axis: PcAxis, t: number): number {
  if (axis.log) return 10 ** (Math.log10(axis.min) + t * (Math.log10(axis.max) - Math.log10(axis.min)));
  return axis.min + t * (axis.max - axis.min);
}

export function buildParallelModel(state: SweepState): PcModel {
  const trials = state.trials;
  const axes: PcAxis[] = [];
  for (const dim of buildSearchSpace(state.spec.parameters).dimensions) {
    const key = dimensionName(dim);
    if (dim.kind === 'constant') continue;
    if (dim.kind === 'categorical') {
      const numbers = dim.values.every((v) => typeof v === 'number');
      const values = numbers ? [...dim.values].sort((a, b) => (a as number) - (b as number)) : dim.values;
      axes.push({ key, label: key, kind: 'categorical', log: false, min: 0, max: 1, categories: values.map(label), isMetric: false });
    } else {
      const spec = dim.spec as { min?: number; max?: number };
      const seen = trials.map((t) => Number(readDimension(t.config, dim)));
      const bounds = [spec.min, spec.max].filter((v): v is number => typeof v === 'number');
      axes.push(numericAxis(key, [...seen, ...bounds], isLogScale(dim.spec), false));
    }
  }
  const metricName = state.spec.metric?.name ?? 'metric';
  const metrics = trials.map(metricOf);
  axes.push(numericAxis(metricName, metrics.filter((m): m is number => m !== null), false, true));

  const losses = metrics.filter((m): m is number => m !== null && Number.isFinite(m)).map((m) => lossOf(state, m));
  const [best, worst] = [Math.min(...losses), Math.max(...losses)];
  const dims = buildSearchSpace(state.spec.parameters).dimensions.filter((d) => d.kind !== 'constant');
  const lines = trials.map((t, i): PcLine => {
    const metric = metrics[i];
    const positions = dims.map((dim, j) => position(axes[j], readDimension(t.config, dim)));
    positions.push(metric === null ? null : position(axes[axes.length - 1], metric));
    const loss = metric === null ? null : lossOf(state, metric);
    const quality = loss === null || !Number.isFinite(loss) ? (loss === null ? null : 1) : worst > best ? (loss - best) / (worst - best) : 0;
    return { trialId: t.id, index: t.index, status: t.status, positions, metric, quality };
  });
  return { axes, lines };
}

/** Whether a line lies inside every brush (a line without a value on a brushed axis does not). */
export function passesBrushes(model: PcModel, line: PcLine, brushes: PcBrushes): boolean {
  return model.axes.every((axis, i) => {
    const brush = brushes[axis.key];
    if (!brush) return true;
    const p = line.positions[i];
    return p !== null && p >= Math.min(...brush) && p <= Math.max(...brush);
  });
}

/** Trial ids inside every brush. */
export function selectedTrials(model: PcModel, brushes: PcBrushes): Set<string> {
  return new Set(model.lines.filter((l) => passesBrushes(model, l, brushes)).map((l) => l.trialId));
}

/** Best (0) → indigo, worst (1) → amber; no metric → grey. */
export function qualityColor(quality: number | null): string {
  if (quality === null) return '#a1a1aa';
  const from = [79, 70, 229];
  const to = [245, 158, 11];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * Math.min(1, Math.max(0, quality))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
