import { describe, expect, it } from 'vitest';
import { groupLines } from '@/lib/track/compare/group-lines';
import type { DrawnLine } from '@/lib/track/compare/chart-lines';

const line = (id: string, x: number[], y: number[]): DrawnLine => ({ id, name: id, color: '#000', x, raw: y, smoothed: y.map((v) => v * 10) });

describe('groupLines', () => {
  it('means, mins and maxes each group’s runs at the union of their x, each run only within its own range', () => {
    const lines = [line('a', [0, 2, 4], [1, 3, 5]), line('b', [0, 1, 2], [3, 5, 7]), line('c', [0, 4], [100, 200])];
    const groups = groupLines(lines, (id) => (id === 'c' ? 'lr=0.1' : 'lr=0.01'), 'raw');
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ['lr=0.01', 2],
      ['lr=0.1', 1],
    ]);
    const [g] = groups;
    expect(g.x).toEqual([0, 1, 2, 4]);
    // x=0: a 1, b 3 → mean 2; x=1: a holds 1, b 5 → 3; x=2: a 3, b 7 → 5; x=4: b ended at 2, a 5 → 5.
    expect(g.mean).toEqual([2, 3, 5, 5]);
    expect(g.min).toEqual([1, 1, 3, 5]);
    expect(g.max).toEqual([3, 5, 7, 5]);
  });

  it('reads the smoothed values on request and leaves non-finite values out', () => {
    const [g] = groupLines([line('a', [0, 1], [1, Number.NaN]), line('b', [0, 1], [3, 4])], () => 'all', 'smoothed');
    expect(g.mean).toEqual([20, 40]);
    const [raw] = groupLines([line('a', [0, 1], [1, Number.NaN]), line('b', [0, 1], [3, 4])], () => 'all', 'raw');
    expect(raw.mean).toEqual([2, 4]);
  });
});
