import { describe, expect, it } from 'vitest';
import { inferColumns } from '@/lib/data/tables/column-types';
import { encodeTable } from '@/lib/data/tables/encode-table';

const header = ['height', 'soil', 'note', 'species'];
const rows = [
  ['10', 'clay', 'first', 'a'],
  ['', 'clay', 'second', 'a'],
  ['30', '', 'third', 'b'],
  ['50', 'sand', 'fourth', 'b'],
  ['20', 'sand', 'fifth', 'a'],
  ['40', 'loam', 'sixth', 'b'],
  ['35', 'sand', 'seventh', ''],
];
const columns = inferColumns(header, rows);

describe('encodeTable', () => {
  it('imputes with the training mean and mode, drops rows without a target, ignores text columns', () => {
    const out = encodeTable(header, rows, columns, { target: 'species', missing: 'impute', validationSplit: 0.34, seed: 3 });
    expect(out.report).toMatchObject({ rowsUsed: 6, droppedNoTarget: 1, droppedMissingFeature: 0, ignoredColumns: ['note'] });
    expect(out.report.imputed.map((e) => [e.column, e.count])).toEqual([['height', 1], ['soil', 1]]);
    expect(out.classes).toEqual(['a', 'b']);
    expect(out.train.rows + out.validation.rows).toBe(6);
    expect(out.validation.rows).toBe(2);
    expect(out.featureNames[0]).toBe('height');
    expect(out.featureNames.slice(1).every((n) => n.startsWith('soil='))).toBe(true);
    // Standardized on the training rows: their height column has mean 0 and variance 1.
    const heights = Array.from({ length: out.train.rows }, (_, r) => out.train.x[r * out.numFeatures]);
    const mean = heights.reduce((a, b) => a + b, 0) / heights.length;
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    // Each encoded row has exactly one soil category set (imputed rows get the mode).
    for (let r = 0; r < out.train.rows; r++) {
      const oneHot = Array.from(out.train.x.subarray(r * out.numFeatures + 1, (r + 1) * out.numFeatures));
      expect(oneHot.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    }
  });

  it("'drop' removes rows with any missing feature and says how many", () => {
    const out = encodeTable(header, rows, columns, { target: 'species', missing: 'drop', validationSplit: 0.25, seed: 1 });
    expect(out.report).toMatchObject({ rowsUsed: 4, droppedNoTarget: 1, droppedMissingFeature: 2, imputed: [] });
  });

  it('the same seed gives the same split; another seed another', () => {
    const a = encodeTable(header, rows, columns, { target: 'species', missing: 'impute', validationSplit: 0.34, seed: 3 });
    const b = encodeTable(header, rows, columns, { target: 'species', missing: 'impute', validationSplit: 0.34, seed: 3 });
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    const splits = new Set([1, 2, 4, 5, 6, 7].map((seed) => Array.from(encodeTable(header, rows, columns, { target: 'species', missing: 'impute', validationSplit: 0.34, seed }).validation.y).join()));
    expect(splits.size).toBeGreaterThan(1);
  });

  it('names the problem with a bad target or too few rows', () => {
    expect(() => encodeTable(header, rows, columns, { target: 'nope', missing: 'impute', validationSplit: 0.2, seed: 1 })).toThrow(/no column "nope"/);
    expect(() => encodeTable(header, rows, columns, { target: 'note', missing: 'impute', validationSplit: 0.2, seed: 1 })).toThrow(/text column/);
    expect(() => encodeTable(header, rows.slice(0, 2), inferColumns(header, rows.slice(0, 2)), { target: 'species', missing: 'impute', validationSplit: 0.2, seed: 1 })).toThrow();
  });
});
