import { describe, expect, it } from 'vitest';
import { COLLAPSE_OVER, compareKeysNaturally, groupColumnKeys } from '@/lib/runs/column-groups';
import { BASIS_POINTS, quantileKey } from '@/lib/bench/watch/watch-keys';

describe('groupColumnKeys (the column chooser)', () => {
  it('lists the plain keys first, then groups by prefix, with bench.watch\'s keys folded last', () => {
    // What a run logged with bench.watch has: ~360 percentile keys for 20 tensors.
    const watch = Array.from({ length: 20 }, (_, t) => BASIS_POINTS.flatMap((bp) => [quantileKey('w', `dense_${t}/kernel`, bp), quantileKey('g', `dense_${t}/kernel`, bp)])).flat();
    const keys = ['acc', ...watch.slice(0, 100), 'loss', 'val/acc', ...watch.slice(100), 'val/loss', 'train/loss', 'epoch'];
    const groups = groupColumnKeys(keys, '/');
    expect(watch.length).toBe(360);
    // 'train/loss' is the only train/ key: no group of one.
    expect(groups.map((g) => [g.prefix, g.keys.length, g.collapsed])).toEqual([
      [null, 4, false],
      ['val/', 2, false],
      ['watch/', 360, true],
    ]);
    expect(groups[0].keys).toEqual(['acc', 'loss', 'train/loss', 'epoch']);
    expect(groups[2].keys).toEqual(watch);
  });

  it('folds only watch/ and groups larger than COLLAPSE_OVER; a leading separator is no prefix', () => {
    const many = Array.from({ length: COLLAPSE_OVER + 1 }, (_, i) => `layer.${i}`);
    const few = Array.from({ length: COLLAPSE_OVER }, (_, i) => `opt.${i}`);
    const groups = groupColumnKeys(['.hidden', ...many, ...few, 'watch.x', 'watch.y'], '.');
    expect(groups.map((g) => [g.prefix, g.collapsed])).toEqual([
      [null, false],
      ['opt.', false],
      ['watch.', false], // watch/ is bench.watch's, not any key starting with "watch"
      ['layer.', true],
    ]);
    expect(groups[0].keys).toEqual(['.hidden']);
    expect(groupColumnKeys([], '/')).toEqual([]);
  });

  it('orders keys as a person reads them: numbers inside a key compare as numbers', () => {
    // The server lists keys byte-wise (p10 before p3); the chooser sorts them with this.
    expect(['p10', 'p3', 'lr', 'p1', 'p2'].sort(compareKeysNaturally)).toEqual(['lr', 'p1', 'p2', 'p3', 'p10']);
    expect(['watch/w/dense_10/kernel/p5', 'watch/w/dense_9/kernel/p50', 'watch/w/dense_9/kernel/p5', 'watch/w/dense_9/kernel/p25'].sort(compareKeysNaturally)).toEqual([
      'watch/w/dense_9/kernel/p5',
      'watch/w/dense_9/kernel/p25',
      'watch/w/dense_9/kernel/p50',
      'watch/w/dense_10/kernel/p5',
    ]);
    expect(['val/loss', 'val/acc', 'acc'].sort(compareKeysNaturally)).toEqual(['acc', 'val/acc', 'val/loss']);
  });
});
