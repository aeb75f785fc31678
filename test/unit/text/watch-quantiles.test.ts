import { describe, expect, it } from 'vitest';
import { basisPointQuantiles, histogramFromQuantiles } from '@/lib/bench/watch/quantiles';
import { BASIS_POINTS, parseWatchKey, quantileKey } from '@/lib/bench/watch/watch-keys';
import { RunHealth, WARNING_KEYS } from '@/lib/bench/watch/run-health';
import { quantileSeries, watchIndex } from '@/lib/runs/watch-series';

describe('watch percentiles and histograms', () => {
  it('gives the basis-point percentiles of 0..100 exactly, skipping non-finite values', () => {
    const values = Float32Array.from({ length: 101 }, (_, i) => i);
    basisPointQuantiles(values).quantiles.forEach((q, i) => expect(q).toBeCloseTo(BASIS_POINTS[i], 9));
    const { quantiles, nonFinite } = basisPointQuantiles([NaN, 1, Infinity, 3]);
    expect(nonFinite).toBe(2);
    expect(quantiles[0]).toBe(1);
    expect(quantiles[8]).toBe(3);
  });

  it('an equal-mass histogram holds all the mass, each bar its share between two percentiles', () => {
    const bars = histogramFromQuantiles(basisPointQuantiles(Float32Array.from({ length: 1001 }, (_, i) => i / 10)).quantiles);
    expect(bars.reduce((s, b) => s + b.mass, 0)).toBeCloseTo(1, 10);
    // Uniform values: every bar has the same height (density 1/100).
    for (const b of bars) expect(b.density).toBeCloseTo(0.01, 6);
    // A constant tensor: zero-width bars get a finite height.
    expect(histogramFromQuantiles(new Array(9).fill(2)).every((b) => Number.isFinite(b.density))).toBe(true);
  });

  it('watch keys round-trip, and the run page regroups points into per-tensor series', () => {
    const key = quantileKey('g', 'dense_Dense1/kernel', 16);
    expect(parseWatchKey(key)).toEqual({ type: 'quantile', kind: 'g', tensor: 'dense_Dense1/kernel', bp: 16 });
    expect(parseWatchKey('watch/w/x/p17')).toBeNull();
    const keys = BASIS_POINTS.map((bp) => ({ key: quantileKey('w', 'k', bp), last: bp }));
    const index = watchIndex([...keys, { key: 'watch/a/dense/zero', last: 0.25 }, { key: quantileKey('g', 'partial', 0), last: 1 }, { key: 'loss', last: 1 }]);
    // A tensor with only some of its percentiles is not offered.
    expect(index.tensors).toEqual([{ id: 'w/k', kind: 'w', tensor: 'k', keys: keys.map((k) => k.key) }]);
    expect(index.activations).toEqual([{ layer: 'dense', stats: { zero: 0.25 } }]);
    // Steps where a percentile is missing are left out.
    const histories = BASIS_POINTS.map((bp, i) => [0, 10, 20].filter((step) => !(step === 20 && i === 3)).map((step) => ({ step, value: bp + step })));
    expect(quantileSeries(histories)).toEqual({ steps: [0, 10], rows: [[...BASIS_POINTS], BASIS_POINTS.map((b) => b + 10)] });
  });
});

describe('RunHealth', () => {
  it('flags a leak only after numTensors grew at every step of a window, with the count gained', () => {
    const health = new RunHealth({ leakWindow: 5 });
    // Steady memory with noise: nothing.
    for (let s = 0; s < 30; s++) expect(health.observe(s, { numTensors: 100 + (s % 3) })).toEqual([]);
    const found = [];
    for (let s = 30; s < 41; s++) found.push(...health.observe(s, { numTensors: 100 + 2 * (s - 30) }));
    expect(found.map((w) => [w.key, w.step, w.value])).toEqual([[WARNING_KEYS.tensorLeak, 35, 10], [WARNING_KEYS.tensorLeak, 40, 20]]);
    expect(found[0].message).toMatch(/\+10 tensors/);
  });

  it('reports a non-finite loss once, and divergence once the loss passes k × its minimum', () => {
    const health = new RunHealth({ divergenceFactor: 4, divergenceAfter: 3 });
    const seen = [1, 0.5, 0.4, 0.3, 1.1, 1.3, NaN, NaN].flatMap((loss, step) => health.observe(step, { loss }));
    expect(seen.map((w) => [w.key, w.step])).toEqual([[WARNING_KEYS.divergence, 5], [WARNING_KEYS.nonFiniteLoss, 6]]);
    expect(seen[0].value).toBeCloseTo(1.3 / 0.3, 6);
  });
});
