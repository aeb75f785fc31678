import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/data/rng';
import { MetricBatchRequest } from '@/lib/track/api';
import { fastParse, parseMetricBatch } from '@/lib/server/http/metric-batch';
import { HttpError } from '@/lib/server/http/errors';

/** Field values near every rule's edge, valid and not. */
const KEYS = ['loss', '', 'k'.repeat(250), 'k'.repeat(251), 'ü/ß', 5, null, undefined];
const STEPS = [0, 1, 12_345, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 60, '3', null, undefined];
const VALUES = [0, -1.25, 1e308, 'NaN', 'Infinity', '-Infinity', 'nan', 'inf', null, true, undefined, '1'];
const TIMES = [0, 1_700_000_000_000, 1_700_000_000_000.6, -1, '5', null, undefined];

describe('metric batch fast path', () => {
  it('accepts only what zod accepts, with the same result (fuzzed, both body forms)', () => {
    const rng = createRng(3);
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
    let fastAccepted = 0;
    for (let i = 0; i < 6_000; i++) {
      const points = Array.from({ length: Math.floor(rng() * 4) }, () => {
        if (rng() < 0.03) return pick([null, 7, 'x', [1]]);
        const p: Record<string, unknown> = { key: pick(KEYS), step: pick(STEPS), value: pick(VALUES), timeMs: pick(TIMES) };
        if (rng() < 0.7) Object.assign(p, { key: 'loss', step: 3, timeMs: 10 }); // mostly valid, so both branches run
        if (rng() < 0.1) p.extra = 1;
        return p;
      });
      const series = Array.from({ length: Math.floor(rng() * 3) }, () => {
        if (rng() < 0.03) return pick([null, 'x', [], { key: 'k' }]);
        const n = Math.floor(rng() * 4);
        const valid = rng() < 0.7;
        const col = <T>(xs: T[], good: T) => Array.from({ length: n + (rng() < 0.05 ? 1 : 0) }, () => (valid ? good : pick(xs)));
        return { key: valid ? 'acc' : pick(KEYS), steps: col(STEPS, 4), values: col(VALUES, pick(['NaN', 0.5, '-Infinity'] as unknown[])), timesMs: col(TIMES, 99.5) };
      });
      const form = rng();
      const body = rng() < 0.02 ? pick([null, [], 'x', { points: 'no' }, { series: {} }]) : form < 0.4 ? { points } : form < 0.8 ? { series } : { points, series };
      const fast = fastParse(body);
      const zod = MetricBatchRequest.safeParse(body);
      if (fast === undefined) continue;
      fastAccepted++;
      expect(zod.success, JSON.stringify(body)).toBe(true);
      const expected = [
        ...zod.data!.points.map((p) => ({ ...p, timeMs: Math.round(p.timeMs) })),
        ...zod.data!.series.flatMap((c) => c.steps.map((step, j) => ({ key: c.key, step, value: c.values[j], timeMs: Math.round(c.timesMs[j]) }))),
      ];
      expect(fast).toEqual(expected);
    }
    expect(fastAccepted).toBeGreaterThan(800);
  });

  it('takes the fast path for a real batch and reports zod errors with the field otherwise', () => {
    const batch = { points: Array.from({ length: 1_000 }, (_, step) => ({ key: 'loss', step, value: step % 7 === 0 ? 'NaN' : step / 3, timeMs: 1_700_000_000_000 + step })) };
    expect(fastParse(batch)).toHaveLength(1_000);
    expect(Number.isNaN(parseMetricBatch(batch)[0].value)).toBe(true);
    const bad = { points: [...batch.points.slice(0, 5), { key: 'loss', step: 5, value: 'big', timeMs: 1 }] };
    expect(() => parseMetricBatch(bad)).toThrow(HttpError);
    try {
      parseMetricBatch(bad);
    } catch (err) {
      expect(err).toMatchObject({ status: 422, field: 'points.5.value' });
    }
  });
});
