import { isLogScale } from './distributions';
import { forestImportance } from './random-forest';
import { buildSearchSpace, categoryIndex, dimensionName, readDimension, type TrialConfig } from './space';
import { lossOf, type SweepState } from './sweep-state';

/**
 * What the sweep page shows besides the trials table: the best-so-far curve and parameter
 * importance. Pure functions of the sweep state, cheap enough to recompute on every update.
 */

/** Trials with a usable result: finished, or stopped with a reported value. */
function scoredTrials(state: SweepState) {
  return state.trials
    .filter((t) => (t.status === 'finished' || t.status === 'stopped') && t.metric !== null && Number.isFinite(t.metric))
    .map((t) => ({ id: t.id, index: t.index, config: t.config, metric: t.metric as number }));
}

export interface BestTrial {
  trialId: string;
  config: TrialConfig;
  metric: number;
}

/** The best trial by the sweep's goal (minimize when the spec names no metric). */
export function bestTrial(state: SweepState): BestTrial | null {
  let best: BestTrial | null = null;
  for (const t of scoredTrials(state)) {
    if (!best || lossOf(state, t.metric) < lossOf(state, best.metric)) best = { trialId: t.id, config: t.config, metric: t.metric };
  }
  return best;
}

export interface BestSoFarPoint {
  /** 0-based trial index (x axis). */
  index: number;
  trialId: string;
  metric: number;
  /** Best metric among trials up to and including this one. */
  best: number;
  bestTrialId: string;
}

export function bestSoFarCurve(state: SweepState): BestSoFarPoint[] {
  const points: BestSoFarPoint[] = [];
  for (const t of scoredTrials(state).sort((a, b) => a.index - b.index)) {
    const prev = points[points.length - 1];
    const improved = !prev || lossOf(state, t.metric) < lossOf(state, prev.best);
    points.push({ index: t.index, trialId: t.id, metric: t.metric, best: improved ? t.metric : prev.best, bestTrialId: improved ? t.id : prev.bestTrialId });
  }
  return points;
}

export interface ParameterImportance {
  /** `lr`, `optimizer.momentum`, or `optimizer=adam` for one category of a categorical parameter. */
  feature: string;
  parameter: string;
  /** Pearson correlation with the metric (log of the value for log-scale parameters); null if undefined. */
  pearson: number | null;
  spearman: number | null;
  /** Random-forest importance (mean decrease in squared error), summing to 1 over features. */
  importance: number;
}

interface Feature {
  feature: string;
  parameter: string;
  column: number[];
}

/** Numeric parameters as one column (log-transformed on log scales), categoricals one-hot. */
function featuresOf(state: SweepState, configs: TrialConfig[]): Feature[] {
  const features: Feature[] = [];
  for (const dim of buildSearchSpace(state.spec.parameters).dimensions) {
    const parameter = dimensionName(dim);
    if (dim.kind === 'numeric') {
      const log = isLogScale(dim.spec);
      const column = configs.map((c) => {
        const v = Number(readDimension(c, dim));
        return log ? Math.log(Math.max(v, Number.MIN_VALUE)) : v;
      });
      features.push({ feature: parameter, parameter, column });
    } else if (dim.kind === 'categorical') {
      const seen = configs.map((c) => categoryIndex(dim, readDimension(c, dim)));
      dim.values.forEach((value, k) => {
        const label = typeof value === 'string' ? value : JSON.stringify(value);
        features.push({ feature: `${parameter}=${label}`, parameter, column: seen.map((s) => (s === k ? 1 : 0)) });
      });
    }
  }
  return features.filter((f) => f.column.every(Number.isFinite) && new Set(f.column).size > 1);
}

export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Ranks with ties given their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    for (let k = start; k <= end; k++) out[order[k].i] = (start + end) / 2;
    start = end + 1;
  }
  return out;
}

export const spearman = (x: readonly number[], y: readonly number[]): number | null => pearson(ranks(x), ranks(y));

/** Correlation and forest importance of every parameter, most important first. */
export function parameterImportance(state: SweepState, options: { seed?: number } = {}): ParameterImportance[] {
  const trials = scoredTrials(state);
  const features = featuresOf(state, trials.map((t) => t.config));
  if (features.length === 0 || trials.length < 3) return [];
  const y = trials.map((t) => t.metric);
  const rows = trials.map((_, r) => features.map((f) => f.column[r]));
  const importance = forestImportance(rows, y, { seed: options.seed ?? state.seed });
  return features
    .map((f, j) => ({ feature: f.feature, parameter: f.parameter, pearson: pearson(f.column, y), spearman: spearman(f.column, y), importance: importance[j] }))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature));
}
