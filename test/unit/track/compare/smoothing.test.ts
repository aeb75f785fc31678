import { describe, expect, it } from 'vitest';
import { emaSmooth } from '@/lib/track/compare/smoothing';

describe('emaSmooth (TensorBoard debiased EMA)', () => {
  it('matches values computed by hand for weight 0.5', () => {
    // last₁ = 0.5·0 + 0.5·1 = 0.5,   ÷ (1 − 0.5¹) = 1
    // last₂ = 0.5·0.5 + 0.5·2 = 1.25, ÷ (1 − 0.5²) = 5/3
    // last₃ = 0.5·1.25 + 0.5·3 = 2.125, ÷ (1 − 0.5³) = 17/7
    const out = emaSmooth([1, 2, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(5 / 3, 12);
    expect(out[2]).toBeCloseTo(17 / 7, 12);
  });

  it('matches values computed by hand for weight 0.9 (the first point is not dragged to 0)', () => {
    // last₁ = 0.1·10 = 1 → ÷0.1 = 10; last₂ = 0.9 + 0.1·0 = 0.9 → ÷ 0.19 = 90/19
    const out = emaSmooth([10, 0], 0.9);
    expect(out[0]).toBeCloseTo(10, 12);
    expect(out[1]).toBeCloseTo(90 / 19, 12);
  });

  it('weight 0 returns the values; a constant series stays exactly constant', () => {
    expect(emaSmooth([3, 1, 4], 0)).toEqual([3, 1, 4]);
    expect(emaSmooth([0.1, 0.1, 0.1, 0.1], 0.99)).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('passes NaN and ±Infinity through without letting them into the average', () => {
    const out = emaSmooth([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[3]).toBe(Number.POSITIVE_INFINITY);
    // The finite points smooth as if alone: the hand-computed 1, 5/3, 17/7.
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[2]).toBeCloseTo(5 / 3, 12);
    expect(out[4]).toBeCloseTo(17 / 7, 12);
  });

  it('refuses a weight outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow(/\[0, 1\)/);
    expect(() => emaSmooth([1], -0.1)).toThrow(RangeError);
    expect(() => emaSmooth([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('drawLines', () => {
  it('sorts by the x axis, smooths, and gaps non-positive values on a log axis', async () => {
    const { drawLines } = await import('@/lib/track/compare/chart-lines');
    const line = { id: 'a', name: 'A', color: '#000', points: [{ step: 1, timeMs: 2_000, value: 2 }, { step: 0, timeMs: 1_000, value: 1 }, { step: 2, timeMs: 3_000, value: -1 }] };
    const [lin] = drawLines([line], { x: 'step', smoothing: 0.5, logY: false });
    expect(lin.x).toEqual([0, 1, 2]);
    expect(lin.raw).toEqual([1, 2, -1]);
    expect(lin.smoothed[1]).toBeCloseTo(5 / 3, 12);
    const [log] = drawLines([line], { x: 'relative', smoothing: 0, logY: true });
    expect(log.x).toEqual([0, 1, 2]);
    expect(log.raw[2]).toBeNaN();
  });
});
