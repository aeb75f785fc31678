import { describe, expect, it } from 'vitest';
import { parseCsvStream } from '@/lib/data/tables/csv-stream';

function csv(rows: number): string {
  return ['a,b,label', ...Array.from({ length: rows }, (_, i) => `${i},${i % 5},${i % 2}`)].join('\n');
}

describe('parseCsvStream', () => {
  it('reads every row under the cap, in order, with quoted fields and a final progress of 100 %', async () => {
    const progress: number[] = [];
    const out = await parseCsvStream('name,text\nx,"a, quoted\nfield"\ny,plain\n', { onProgress: (p) => progress.push(p.readBytes / p.totalBytes) });
    expect(out.header).toEqual(['name', 'text']);
    expect(out.rows).toEqual([['x', 'a, quoted\nfield'], ['y', 'plain']]);
    expect(out).toMatchObject({ totalRows: 2, sampled: false, badRowCount: 0 });
    expect(progress.at(-1)).toBe(1);
  });

  it('over the cap: counts every row and keeps a uniform sample of exactly maxRows (not the first ones)', async () => {
    const out = await parseCsvStream(csv(5000), { maxRows: 500, seed: 7 });
    expect(out.totalRows).toBe(5000);
    expect(out.rows).toHaveLength(500);
    expect(out.sampled).toBe(true);
    const ids = out.rows.map((r) => Number(r[0]));
    expect(new Set(ids).size).toBe(500);
    // A uniform sample reaches into the second half; "the first 500" would not.
    expect(ids.filter((i) => i >= 2500).length).toBeGreaterThan(150);
  });

  it('lists malformed rows (wrong cell count) and skips them; an empty file is an error', async () => {
    const out = await parseCsvStream('a,b\n1,2\n3\n4,5,6\n7,8\n');
    expect(out.rows).toEqual([['1', '2'], ['7', '8']]);
    expect(out.badRowCount).toBe(2);
    expect(out.badRows[0]).toEqual({ row: 2, message: '1 cells, the header has 2' });
    await expect(parseCsvStream('')).rejects.toThrow(/empty/);
  });

  it('names blank and repeated header cells apart', async () => {
    const out = await parseCsvStream('x,,x\n1,2,3\n');
    expect(out.header).toEqual(['x', 'column 2', 'x (3)']);
  });
});
