import { describe, expect, it } from 'vitest';
import { alignSeries } from '@/components/charts/align';

describe('alignSeries', () => {
  it('passes one ascending series through, turning non-finite values into gaps', () => {
    const x = [0, 1, 2];
    const r = alignSeries([{ label: 'loss', color: 'c', x, y: [1, Number.NaN, Number.POSITIVE_INFINITY] }]);
    expect(r.x).toBe(x);
    expect(r.ys).toEqual([[1, null, null]]);
  });

  it('shares x between series logged at the same steps', () => {
    const r = alignSeries([
      { label: 'train', color: 'a', points: [{ x: 1, y: 0.5 }, { x: 2, y: 0.4 }] },
      { label: 'val', color: 'b', points: [{ x: 1, y: 0.6 }, { x: 2, y: 0.45 }] },
    ]);
    expect(r).toEqual({ x: [1, 2], ys: [[0.5, 0.4], [0.6, 0.45]] });
  });

  it('merges different or unsorted steps into one sorted axis with gaps', () => {
    const r = alignSeries([
      { label: 'a', color: 'a', x: [3, 1], y: [30, 10] },
      { label: 'b', color: 'b', x: [2, 3], y: [20, 31] },
    ]);
    expect(r).toEqual({ x: [1, 2, 3], ys: [[10, null, 30], [null, 20, 31]] });
  });

  it('handles no series', () => {
    expect(alignSeries([])).toEqual({ x: [], ys: [] });
  });
});
