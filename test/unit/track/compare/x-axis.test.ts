import { describe, expect, it } from 'vitest';
import { ascendingByX, valueAtX, xValues } from '@/lib/track/compare/x-axis';
import { mapLimit } from '@/lib/track/compare/map-limit';
import { parseCompareQuery, compareQueryString, pointsPerRun } from '@/lib/track/compare/compare-url';

const pts = [
  { step: 0, timeMs: 5_000 },
  { step: 10, timeMs: 7_500 },
];

describe('compare x axis', () => {
  it('maps points to step, epoch seconds or seconds since the first point', () => {
    expect(xValues(pts, 'step')).toEqual([0, 10]);
    expect(xValues(pts, 'time')).toEqual([5, 7.5]);
    expect(xValues(pts, 'relative')).toEqual([0, 2.5]);
  });

  it('sorts by x and keeps the last of repeated x values', () => {
    expect(ascendingByX([3, 1, 3, 2], [30, 10, 31, 20])).toEqual({ x: [1, 2, 3], y: [10, 20, 31] });
  });

  it('reads the last value at or before x, nothing before the first point', () => {
    const xs = [0, 10, 20];
    const ys = [1, 2, 3];
    expect(valueAtX(xs, ys, -1)).toBeUndefined();
    expect(valueAtX(xs, ys, 0)).toBe(1);
    expect(valueAtX(xs, ys, 15)).toBe(2);
    expect(valueAtX(xs, ys, 99)).toBe(3);
    expect(valueAtX([], [], 1)).toBeUndefined();
  });
});

describe('compare URL', () => {
  it('round-trips a view and drops malformed parts', () => {
    const s = parseCompareQuery({ runs: 'a,b,a,bad id!,', smoothing: '0.8', x: 'time', log: '1' });
    expect(s).toEqual({ runs: { ids: ['a', 'b'], filter: undefined }, smoothing: 0.8, x: 'time', logY: true, allParams: false });
    expect(parseCompareQuery({ [`${'x'}`]: 'nonsense', smoothing: '7' })).toMatchObject({ x: 'step', smoothing: 0.99 });
    expect(parseCompareQuery({ smoothing: '' }).smoothing).toBe(0.6);
    expect(compareQueryString(s)).toBe('runs=a%2Cb&smoothing=0.8&x=time&log=1');
    const grouped = parseCompareQuery({ filter: 'params.lr < 1', group: 'lr', all: '1' });
    expect(grouped).toMatchObject({ runs: { ids: [], filter: 'params.lr < 1' }, groupBy: 'lr', allParams: true });
    expect(compareQueryString(grouped)).toBe('filter=params.lr+%3C+1&all=1&group=lr');
  });

  it('bounds the points per run so 100 runs stay near 20k points a chart', () => {
    expect(pointsPerRun(1)).toBe(1_000);
    expect(pointsPerRun(100)).toBe(200);
    expect(pointsPerRun(10_000)).toBe(100);
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (v) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, v));
      inFlight--;
      return v * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });
});

describe('createLimiter', () => {
  it('lets at most the limit run across callers, in order', async () => {
    const { createLimiter } = await import('@/lib/track/compare/map-limit');
    const gate = createLimiter(3);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate(async () => {
          started.push(i);
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
