import { describe, expect, it } from 'vitest';
import { configDiff } from '@/lib/track/compare/config-diff';
import type { ListParamValue } from '@/lib/track/run-list';

describe('configDiff', () => {
  const runs: Record<string, ListParamValue>[] = [
    { lr: 0.01, epochs: 5, optimizer: 'adam', seed: 1 },
    { lr: 0.001, epochs: 5, optimizer: 'adam' },
  ];

  it('keeps only the keys whose values differ (a missing key differs), sorted', () => {
    expect(configDiff(runs, { onlyDiffering: true })).toEqual([
      { key: 'lr', values: [0.01, 0.001], differs: true },
      { key: 'seed', values: [1, undefined], differs: true },
    ]);
  });

  it('lists every key on request, marking which differ', () => {
    const rows = configDiff(runs, { onlyDiffering: false });
    expect(rows.map((r) => [r.key, r.differs])).toEqual([
      ['epochs', false],
      ['lr', true],
      ['optimizer', false],
      ['seed', true],
    ]);
  });

  it('NaN equals NaN, and 1 differs from "1"', () => {
    expect(configDiff([{ a: Number.NaN, b: 1 }, { a: Number.NaN, b: '1' }], { onlyDiffering: true }).map((r) => r.key)).toEqual(['b']);
  });
});
