import { describe, expect, it } from 'vitest';
import { summarize, updateSummary } from '@/lib/track/summary';

describe('metric summary', () => {
  it('tracks last/min/max/step/count', () => {
    const s = summarize({}, [
      { key: 'loss', step: 0, value: 2 },
      { key: 'loss', step: 1, value: 0.5 },
      { key: 'loss', step: 2, value: 1 },
      { key: 'acc', step: 0, value: 0.3 },
    ]);
    expect(s.loss).toEqual({ last: 1, min: 0.5, max: 2, step: 2, count: 3 });
    expect(s.acc).toEqual({ last: 0.3, min: 0.3, max: 0.3, step: 0, count: 1 });
  });

  it('is NaN-safe: NaN becomes last but never min/max', () => {
    let s = updateSummary(undefined, Number.NaN, 0);
    expect(s.last).toBeNaN();
    expect(s.min).toBeNaN();
    s = updateSummary(s, 3, 1);
    expect(s).toEqual({ last: 3, min: 3, max: 3, step: 1, count: 2 });
    s = updateSummary(s, Number.NaN, 2);
    expect(s.last).toBeNaN();
    expect([s.min, s.max, s.step, s.count]).toEqual([3, 3, 2, 3]);
    s = updateSummary(s, Number.POSITIVE_INFINITY, 3);
    expect([s.last, s.max]).toEqual([Number.POSITIVE_INFINITY, 3]);
  });

  it('a late point for an earlier step does not replace last', () => {
    const s = updateSummary(updateSummary(undefined, 1, 5), 0.1, 2);
    expect(s).toEqual({ last: 1, min: 0.1, max: 1, step: 5, count: 2 });
  });
});
