import { describe, expect, it } from 'vitest';
import { binCounts, driftReference, psi, PSI_DRIFT_THRESHOLD, rowStatistics } from '@/lib/serving/drift';
import { addLatency, percentileMs } from '@/lib/serving/latency-histogram';
import { createRng, gaussian } from '@/lib/data/rng';

/** `rows` rows of `width` values ~ N(mean, sd), flattened. */
function sample(seed: number, rows: number, width: number, mean: number, sd = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: rows * width }, () => mean + sd * gaussian(rng));
}

function maxPsi(refData: Float32Array, liveData: Float32Array, rows: number): number {
  const ref = driftReference({ x: { data: refData, rows } });
  const input = ref.inputs.x;
  const live = rowStatistics(liveData, liveData.length / input.rowSize, input.mode);
  return Math.max(...Object.entries(input.stats).map(([k, s]) => psi(s.expected, binCounts(s.edges, live[k]))!));
}

describe('PSI drift', () => {
  it('stays under 0.2 for fresh rows of the same distribution and flags a shifted one, per feature (tabular)', () => {
    const ref = sample(1, 2000, 4, 0);
    expect(driftReference({ x: { data: ref, rows: 2000 } }).inputs.x.mode).toBe('features');
    expect(maxPsi(ref, sample(2, 500, 4, 0), 2000)).toBeLessThan(0.1);
    expect(maxPsi(ref, sample(3, 500, 4, 0.5), 2000)).toBeGreaterThan(PSI_DRIFT_THRESHOLD);
  });

  it('compares image rows by summary statistics (mean, std, quantiles): a brightness shift flags', () => {
    const ref = sample(4, 1000, 784, 0.13, 0.3);
    expect(driftReference({ x: { data: ref, rows: 1000 } }).inputs.x.mode).toBe('summary');
    expect(maxPsi(ref, sample(5, 300, 784, 0.13, 0.3), 1000)).toBeLessThan(0.1);
    expect(maxPsi(ref, sample(6, 300, 784, 0.25, 0.3), 1000)).toBeGreaterThan(PSI_DRIFT_THRESHOLD);
  });

  it('is 0 for identical bins, null with no rows, finite with empty bins', () => {
    expect(psi([0.5, 0.5], [10, 10])).toBeCloseTo(0, 10);
    expect(psi([0.5, 0.5], [0, 0])).toBeNull();
    expect(Number.isFinite(psi([0.5, 0.5], [10, 0]))).toBe(true);
  });
});

describe('latency histogram', () => {
  it('reads percentiles within one bucket (25%) of the exact value', () => {
    const h = {};
    for (let i = 1; i <= 1000; i++) addLatency(h, i / 10); // 0.1 … 100 ms
    for (const [q, exact] of [[0.5, 50], [0.95, 95], [0.99, 99]]) {
      const got = percentileMs(h, q)!;
      expect(got).toBeGreaterThanOrEqual(exact);
      expect(got).toBeLessThanOrEqual(exact * 1.25);
    }
    expect(percentileMs({}, 0.5)).toBeNull();
  });
});
