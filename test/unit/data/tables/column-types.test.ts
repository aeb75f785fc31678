import { describe, expect, it } from 'vitest';
import { inferColumns, targetProblem } from '@/lib/data/tables/column-types';

describe('inferColumns', () => {
  const header = ['id', 'age', 'city', 'label', 'score'];
  const rows = Array.from({ length: 40 }, (_, i) => [`user-${i}`, i % 7 === 0 ? 'NA' : String(20 + i), ['Seoul', 'Busan', ''][i % 3], String(i % 2), `${i * 1.5}`]);

  it('types numeric, categorical and text columns, and counts missing cells (empty and NA tokens)', () => {
    const cols = inferColumns(header, rows);
    expect(cols.map((c) => c.type)).toEqual(['text', 'numeric', 'categorical', 'numeric', 'numeric']);
    expect(cols[1].missing).toBe(6); // i = 0, 7, …, 35
    expect(cols[2]).toMatchObject({ missing: 13, distinct: 2 });
  });

  it('a numeric column with few classes can be the target; text and continuous columns cannot', () => {
    const cols = inferColumns(header, rows);
    expect(targetProblem(cols[3])).toBeNull();
    expect(targetProblem(cols[0])).toMatch(/text column/);
    expect(targetProblem(cols[1])).toBeNull(); // 34 distinct ages: still ≤ 50 classes
    const wide = inferColumns(['x'], Array.from({ length: 200 }, (_, i) => [String(i / 3)]));
    expect(targetProblem(wide[0])).toMatch(/more than 50 distinct values/);
  });

  it('one value only is not a target', () => {
    expect(targetProblem(inferColumns(['c'], [['a'], ['a'], ['a']])[0])).toMatch(/fewer than 2/);
  });
});
