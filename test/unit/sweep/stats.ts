/**
 * Statistical checks for the sampler tests, written independently of lib/sweep's own math
 * (its quantile functions are what is being tested).
 */

/** Kolmogorov–Smirnov statistic of samples against a continuous CDF. */
export function ksStatistic(samples: readonly number[], cdf: (x: number) => number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  });
  return d;
}

/** KS critical value at significance 0.001 (asymptotic): a correct sampler fails 1 time in 1,000. */
export const ksCritical = (n: number) => 1.949 / Math.sqrt(n);

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
export function chiSquare(counts: readonly number[], probabilities: readonly number[]): number {
  const n = counts.reduce((s, c) => s + c, 0);
  return counts.reduce((s, c, i) => s + (c - n * probabilities[i]) ** 2 / (n * probabilities[i]), 0);
}

/** Chi-square critical value at 0.001 for `df` degrees of freedom (Wilson–Hilferty). */
export function chiSquareCritical(df: number): number {
  const z = 3.0902;
  const t = 2 / (9 * df);
  return df * (1 - t + z * Math.sqrt(t)) ** 3;
}

/** Standard normal CDF by its Taylor series (exact to ~1e-12 for |z| < 6). */
export function phi(z: number): number {
  if (z < -6) return 0;
  if (z > 6) return 1;
  const x = z / Math.SQRT2;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
    if (Math.abs(term) < 1e-17) break;
  }
  return 0.5 + sum / Math.sqrt(Math.PI);
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function std(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Counts of each value in `support` (values outside it are counted under `outside`). */
export function countOn(samples: readonly number[], support: readonly number[]): { counts: number[]; outside: number } {
  const counts = support.map(() => 0);
  let outside = 0;
  for (const s of samples) {
    const i = support.findIndex((v) => Math.abs(v - s) < 1e-9);
    if (i < 0) outside++;
    else counts[i]++;
  }
  return { counts, outside };
}
