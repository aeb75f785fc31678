import type { LeafParamSpec } from './param-spec';
import { betaCdf, betaQuantile, normalCdf, normalQuantile } from './special-functions';

/**
 * Every numeric distribution of W&B's sweep config, as a map between its values and the unit
 * interval: `fromUnit(u)` is the prior's quantile function (so a uniform u gives a draw from the
 * distribution) and `toUnit(x)` its CDF. Random search samples u ~ U(0, 1); TPE models trials
 * in this unit space, where log-scale, normal and integer parameters all become plain [0, 1]
 * coordinates. One entry per distribution; a new distribution is one new entry.
 */

export type NumericParamSpec = Exclude<LeafParamSpec, { distribution: 'constant' } | { distribution: 'categorical' }>;
export type NumericDistributionName = NumericParamSpec['distribution'];

type Spec<N extends NumericDistributionName> = NumericParamSpec & { distribution: N };

export interface NumericDistribution<N extends NumericDistributionName> {
  /** Value at prior quantile u ∈ [0, 1]. */
  fromUnit(p: Spec<N>, u: number): number;
  /** Prior quantile of a value (the CDF), clamped to [0, 1]. */
  toUnit(p: Spec<N>, x: number): number;
  /** True when the parameter varies over orders of magnitude (plots and importance use log x). */
  logScale: boolean;
}

const clamp01 = (u: number) => Math.min(1, Math.max(0, u));
const lerp = (a: number, b: number, u: number) => a + (b - a) * u;
const unlerp = (a: number, b: number, x: number) => clamp01((x - a) / (b - a));

/** round(x / q) · q as W&B documents, without the float noise (0.30000000000000004 → 0.3). */
export function quantize(x: number, q: number): number {
  return Number((Math.round(x / q) * q).toPrecision(12));
}

type RangeSpec = { min: number; max: number };
/** Maps between the unit interval and [lo, hi] of ln x for the log-uniform family. */
const logRange = (lo: (p: RangeSpec) => number, hi: (p: RangeSpec) => number) => ({
  from: (p: RangeSpec, u: number) => Math.exp(lerp(lo(p), hi(p), u)),
  to: (p: RangeSpec, x: number) => (x > 0 ? unlerp(lo(p), hi(p), Math.log(x)) : 0),
});
const expBounds = logRange((p) => p.min, (p) => p.max);
const valueBounds = logRange((p) => Math.log(p.min), (p) => Math.log(p.max));
// log(1/X) ~ U(min, max)  ⇔  ln X ~ U(−max, −min); u runs the other way so fromUnit stays increasing in x.
const invExpBounds = logRange((p) => -p.max, (p) => -p.min);

type GaussSpec = { mu: number; sigma: number };
const gaussFrom = (p: GaussSpec, u: number) => p.mu + p.sigma * normalQuantile(u);
const gaussTo = (p: GaussSpec, x: number) => clamp01(normalCdf((x - p.mu) / p.sigma));

export const NUMERIC_DISTRIBUTIONS: { [N in NumericDistributionName]: NumericDistribution<N> } = {
  int_uniform: {
    // Each integer min..max owns an equal slice of [0, 1].
    fromUnit: (p, u) => Math.min(p.max, p.min + Math.floor(u * (p.max - p.min + 1))),
    toUnit: (p, x) => clamp01((x - p.min + 0.5) / (p.max - p.min + 1)),
    logScale: false,
  },
  uniform: { fromUnit: (p, u) => lerp(p.min, p.max, u), toUnit: (p, x) => unlerp(p.min, p.max, x), logScale: false },
  q_uniform: { fromUnit: (p, u) => quantize(lerp(p.min, p.max, u), p.q), toUnit: (p, x) => unlerp(p.min, p.max, x), logScale: false },
  log_uniform: { fromUnit: expBounds.from, toUnit: expBounds.to, logScale: true },
  q_log_uniform: { fromUnit: (p, u) => quantize(expBounds.from(p, u), p.q), toUnit: expBounds.to, logScale: true },
  log_uniform_values: { fromUnit: valueBounds.from, toUnit: valueBounds.to, logScale: true },
  q_log_uniform_values: { fromUnit: (p, u) => quantize(valueBounds.from(p, u), p.q), toUnit: valueBounds.to, logScale: true },
  inv_log_uniform: { fromUnit: invExpBounds.from, toUnit: invExpBounds.to, logScale: true },
  // log(1/X) ~ U(log(1/max), log(1/min)) is ln X ~ U(ln min, ln max): the same law as log_uniform_values.
  inv_log_uniform_values: { fromUnit: valueBounds.from, toUnit: valueBounds.to, logScale: true },
  normal: { fromUnit: gaussFrom, toUnit: gaussTo, logScale: false },
  q_normal: { fromUnit: (p, u) => quantize(gaussFrom(p, u), p.q), toUnit: gaussTo, logScale: false },
  log_normal: { fromUnit: (p, u) => Math.exp(gaussFrom(p, u)), toUnit: (p, x) => (x > 0 ? gaussTo(p, Math.log(x)) : 0), logScale: true },
  q_log_normal: { fromUnit: (p, u) => quantize(Math.exp(gaussFrom(p, u)), p.q), toUnit: (p, x) => (x > 0 ? gaussTo(p, Math.log(x)) : 0), logScale: true },
  beta: { fromUnit: (p, u) => betaQuantile(u, p.a, p.b), toUnit: (p, x) => betaCdf(x, p.a, p.b), logScale: false },
  q_beta: { fromUnit: (p, u) => quantize(betaQuantile(u, p.a, p.b), p.q), toUnit: (p, x) => betaCdf(x, p.a, p.b), logScale: false },
};

function entry<N extends NumericDistributionName>(p: Spec<N>): NumericDistribution<N> {
  return NUMERIC_DISTRIBUTIONS[p.distribution as N];
}

export const valueFromUnit = (p: NumericParamSpec, u: number): number => entry(p).fromUnit(p as never, clamp01(u));
export const unitFromValue = (p: NumericParamSpec, x: number): number => entry(p).toUnit(p as never, x);
export const isLogScale = (p: NumericParamSpec): boolean => entry(p).logScale;

export const isNumericSpec = (p: LeafParamSpec): p is NumericParamSpec => p.distribution !== 'constant' && p.distribution !== 'categorical';
