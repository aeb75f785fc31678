import { describe, expect, it } from 'vitest';
import { toSweepSpec } from '@/lib/sweep/parse';
import { randomSampler } from '@/lib/sweep/samplers/random';
import { buildSearchSpace, type TrialConfig } from '@/lib/sweep/space';
import { chiSquare, chiSquareCritical, countOn, ksCritical, ksStatistic, mean, phi, std } from './stats';

/**
 * Every distribution of W&B's sweep config, sampled through the real random sampler (one trial
 * = one draw per parameter), checked against its documented law with tests a wrong distribution
 * fails: Kolmogorov–Smirnov against the CDF for continuous ones, chi-square on the exact cell
 * probabilities for discrete and quantized ones.
 */

const N = 4000;
const spec = toSweepSpec(`
method: random
parameters:
  uni: {distribution: uniform, min: -2, max: 5}
  logu: {distribution: log_uniform, min: -3, max: 1}
  logv: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  invlog: {distribution: inv_log_uniform, min: 1, max: 4}
  invlogv: {distribution: inv_log_uniform_values, min: 0.01, max: 10}
  norm: {distribution: normal, mu: 2, sigma: 3}
  lognorm: {distribution: log_normal, mu: 0, sigma: 0.5}
  beta: {distribution: beta, a: 2, b: 5}
  int: {min: -2, max: 3}
  cat: {values: [a, b, c], probabilities: [0.1, 0.2, 0.7]}
  const: {value: {layers: [1, 2]}}
  qu: {distribution: q_uniform, min: 0, max: 10, q: 2}
  qlogu: {distribution: q_log_uniform, min: 0, max: 3}
  qnorm: {distribution: q_normal, mu: 0, sigma: 2, q: 0.5}
  qlognorm: {distribution: q_log_normal, mu: 1, sigma: 0.5}
  qbeta: {distribution: q_beta, a: 2, b: 2, q: 0.1}
  nested:
    parameters:
      batch: {distribution: q_log_uniform_values, min: 32, max: 256, q: 8}
`);
const space = buildSearchSpace(spec.parameters);
const configs: TrialConfig[] = Array.from({ length: N }, (_, index) => randomSampler.suggest({ space, seed: 11, index, observations: [] }));
const column = (name: string) => configs.map((c) => c[name] as number);

const betaCdf25 = (x: number) => {
  // I_x(2, 5) = Σ_{j=2..6} C(6, j) x^j (1−x)^(6−j), closed form for integer shapes.
  const c = [1, 6, 15, 20, 15, 6, 1];
  let s = 0;
  for (let j = 2; j <= 6; j++) s += c[j] * x ** j * (1 - x) ** (6 - j);
  return s;
};

const continuous: { name: string; lo: number; hi: number; cdf: (x: number) => number }[] = [
  { name: 'uni', lo: -2, hi: 5, cdf: (x) => (x + 2) / 7 },
  { name: 'logu', lo: Math.exp(-3), hi: Math.exp(1), cdf: (x) => (Math.log(x) + 3) / 4 },
  { name: 'logv', lo: 1e-4, hi: 0.1, cdf: (x) => Math.log(x / 1e-4) / Math.log(1000) },
  // log(1/X) ~ U(1, 4): X in [e^-4, e^-1], P(X ≤ x) = (4 + ln x) / 3.
  { name: 'invlog', lo: Math.exp(-4), hi: Math.exp(-1), cdf: (x) => (4 + Math.log(x)) / 3 },
  { name: 'invlogv', lo: 0.01, hi: 10, cdf: (x) => Math.log(x / 0.01) / Math.log(1000) },
  { name: 'norm', lo: -Infinity, hi: Infinity, cdf: (x) => phi((x - 2) / 3) },
  { name: 'lognorm', lo: 0, hi: Infinity, cdf: (x) => phi(Math.log(x) / 0.5) },
  { name: 'beta', lo: 0, hi: 1, cdf: betaCdf25 },
];

describe('continuous distributions: inside bounds and the right shape (KS, α = 0.001)', () => {
  for (const d of continuous) {
    it(d.name, () => {
      const xs = column(d.name);
      expect(xs.every((x) => typeof x === 'number' && x >= d.lo && x <= d.hi)).toBe(true);
      expect(ksStatistic(xs, d.cdf)).toBeLessThan(ksCritical(N));
    });
  }

  it('the KS check is able to fail: log-uniform draws are not uniform, normal draws are not N(2, 2)', () => {
    expect(ksStatistic(column('logv'), (x) => (x - 1e-4) / (0.1 - 1e-4))).toBeGreaterThan(10 * ksCritical(N));
    expect(ksStatistic(column('norm'), (x) => phi((x - 2) / 2))).toBeGreaterThan(ksCritical(N));
  });

  it('normal moments match mu and sigma', () => {
    const xs = column('norm');
    expect(Math.abs(mean(xs) - 2)).toBeLessThan(5 * (3 / Math.sqrt(N)));
    expect(Math.abs(std(xs) - 3)).toBeLessThan(0.15);
  });
});

/**
 * Chi-square test of discrete draws against exact cell probabilities. Cells expecting fewer than
 * 5 draws are pooled into one, as the chi-square approximation requires.
 */
function expectLaw(xs: number[], support: number[], probabilities: number[]) {
  const { counts, outside } = countOn(xs, support);
  expect(outside).toBe(0);
  expect(probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
  const big = probabilities.map((p) => p * xs.length >= 5);
  const pooledCount = counts.filter((_, i) => !big[i]).reduce((s, c) => s + c, 0);
  const pooledProb = probabilities.filter((_, i) => !big[i]).reduce((s, p) => s + p, 0);
  const cells = counts.filter((_, i) => big[i]);
  const probs = probabilities.filter((_, i) => big[i]);
  if (pooledProb > 0) {
    cells.push(pooledCount);
    probs.push(pooledProb);
  }
  expect(chiSquare(cells, probs)).toBeLessThan(chiSquareCritical(cells.length - 1));
}

describe('discrete and quantized distributions: exact support and cell probabilities (chi-square, α = 0.001)', () => {
  it('int_uniform: every integer min..max, equally likely', () => {
    expectLaw(column('int'), [-2, -1, 0, 1, 2, 3], new Array(6).fill(1 / 6));
  });

  it('categorical with probabilities', () => {
    const cats = configs.map((c) => c.cat as string);
    const counts = ['a', 'b', 'c'].map((v) => cats.filter((c) => c === v).length);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(N);
    expect(chiSquare(counts, [0.1, 0.2, 0.7])).toBeLessThan(chiSquareCritical(2));
    expect(chiSquare(counts, [1 / 3, 1 / 3, 1 / 3])).toBeGreaterThan(chiSquareCritical(2));
  });

  it('constant: always the value, never the same object twice', () => {
    expect(configs.every((c) => JSON.stringify(c.const) === '{"layers":[1,2]}')).toBe(true);
    expect(configs[0].const).not.toBe(configs[1].const);
  });

  it('q_uniform: round(X / q) · q with X ~ U(0, 10), q = 2', () => {
    expectLaw(column('qu'), [0, 2, 4, 6, 8, 10], [0.1, 0.2, 0.2, 0.2, 0.2, 0.1]);
  });

  it('q_log_uniform: round(X) with ln X ~ U(0, 3)', () => {
    const F = (x: number) => Math.min(1, Math.max(0, Math.log(x) / 3));
    const support = Array.from({ length: 20 }, (_, k) => k + 1);
    expectLaw(column('qlogu'), support, support.map((k) => F(k + 0.5) - F(k - 0.5)));
  });

  it('q_log_uniform_values (nested): multiples of 8 with ln X ~ U(ln 32, ln 256)', () => {
    const xs = configs.map((c) => (c.nested as { batch: number }).batch);
    const F = (x: number) => Math.min(1, Math.max(0, Math.log(x / 32) / Math.log(8)));
    const support = Array.from({ length: 29 }, (_, k) => 32 + 8 * k);
    expectLaw(xs, support, support.map((v) => F(v + 4) - F(v - 4)));
  });

  it('q_normal: multiples of 0.5 with the cell masses of N(0, 2)', () => {
    const xs = column('qnorm');
    const support = Array.from({ length: 33 }, (_, k) => -8 + 0.5 * k);
    const inner = support.map((v) => phi((v + 0.25) / 2) - phi((v - 0.25) / 2));
    // Fold the tails beyond ±8 into the outermost cells.
    inner[0] += phi(-8.25 / 2);
    inner[inner.length - 1] += 1 - phi(8.25 / 2);
    expectLaw(xs, support, inner);
  });

  it('q_log_normal: integers ≥ 0 with the cell masses of exp(N(1, 0.5))', () => {
    const xs = column('qlognorm');
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const F = (x: number) => (x <= 0 ? 0 : phi((Math.log(x) - 1) / 0.5));
    // Values of 12 and more (probability 4e-3) share the last cell.
    const support = Array.from({ length: 13 }, (_, k) => k);
    const probs = support.map((k) => F(k + 0.5) - F(k - 0.5));
    probs[12] = 1 - F(11.5);
    expectLaw(xs.map((x) => Math.min(x, 12)), support, probs);
  });

  it('q_beta: multiples of 0.1 in [0, 1] with Beta(2, 2) cell masses', () => {
    const F = (x: number) => { const c = Math.min(1, Math.max(0, x)); return 3 * c * c - 2 * c ** 3; };
    const support = Array.from({ length: 11 }, (_, k) => Number((0.1 * k).toFixed(1)));
    expectLaw(column('qbeta'), support, support.map((v) => F(v + 0.05) - F(v - 0.05)));
  });
});
