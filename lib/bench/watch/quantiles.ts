import { BASIS_POINTS } from './watch-keys';

/** Values sorted beyond this many are subsampled with a fixed stride (percentiles barely move). */
const MAX_SORTED = 200_000;

/**
 * The BASIS_POINTS percentiles of `values` (linear interpolation between order statistics, as
 * numpy's default). Non-finite values are left out and counted: a NaN weight shows as a warning,
 * not as a broken band.
 */
export function basisPointQuantiles(values: ArrayLike<number>): { quantiles: number[]; nonFinite: number } {
  const stride = Math.max(1, Math.ceil(values.length / MAX_SORTED));
  const kept: number[] = [];
  let nonFinite = 0;
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (Number.isFinite(v)) kept.push(v);
    else nonFinite++;
  }
  if (kept.length === 0) return { quantiles: BASIS_POINTS.map(() => NaN), nonFinite };
  const sorted = Float64Array.from(kept).sort();
  const quantiles = BASIS_POINTS.map((bp) => {
    const at = (bp / 100) * (sorted.length - 1);
    const lo = Math.floor(at);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
  });
  return { quantiles, nonFinite };
}

/** One bar of an equal-mass histogram: values in [from, to] hold `mass` (0..1) of the tensor. */
export interface HistogramBar {
  from: number;
  to: number;
  mass: number;
  /** mass / width: the bar's height (Infinity-free: a zero-width bar gets the tallest finite height). */
  density: number;
}

/** The histogram a row of basis-point percentiles describes (bin edges at the percentiles). */
export function histogramFromQuantiles(quantiles: readonly number[]): HistogramBar[] {
  const bars = quantiles.slice(1).map((to, i) => {
    const from = quantiles[i];
    const mass = (BASIS_POINTS[i + 1] - BASIS_POINTS[i]) / 100;
    return { from, to, mass, density: to > from ? mass / (to - from) : Infinity };
  });
  const tallest = Math.max(0, ...bars.filter((b) => Number.isFinite(b.density)).map((b) => b.density));
  return bars.map((b) => (Number.isFinite(b.density) ? b : { ...b, density: tallest || 1 }));
}
