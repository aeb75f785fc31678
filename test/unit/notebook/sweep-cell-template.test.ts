import { describe, expect, it } from 'vitest';
import { createCell } from '@/lib/notebook/cell';
import { analyzeSweepCell, sweepCellToCode } from '@/lib/notebook/sweep-cell';
import { SWEEP_CELL_TEMPLATE, isBlankSweepSource } from '@/lib/notebook/sweep-cell-template';

/** What Monaco's Ctrl+/ does to YAML lines that all start with "#": drops one "#" and one space. */
const toggleComments = (text: string) => text.split('\n').map((l) => l.replace(/^#( ?)/, '')).join('\n');

describe('a new sweep cell', () => {
  it('starts with the commented example, which is blank: no errors, nothing to mark', () => {
    const cell = createCell('sweep');
    expect(cell.source).toBe(SWEEP_CELL_TEMPLATE);
    expect(analyzeSweepCell(cell.source)).toMatchObject({ ok: false, blank: true, errors: [] });
    for (const empty of ['', '\n  \n', '# only a comment']) expect(analyzeSweepCell(empty)).toMatchObject({ ok: false, blank: true, errors: [] });
  });

  it('uncommented (select all, Ctrl+/) the example is a valid sweep that runs train()', () => {
    const analysis = analyzeSweepCell(toggleComments(SWEEP_CELL_TEMPLATE));
    expect(analysis.ok, JSON.stringify(analysis)).toBe(true);
    if (!analysis.ok) return;
    expect(analysis.spec).toMatchObject({ method: 'random', metric: { name: 'val/loss', goal: 'minimize' } });
    expect(analysis.options).toEqual({ functionName: 'train', count: 8 });
  });

  it('running a blank cell says what to do instead of listing YAML errors', () => {
    expect(sweepCellToCode(SWEEP_CELL_TEMPLATE).source).toMatch(/^throw new SyntaxError\(".*no config yet: uncomment the example/);
  });

  it('a config with content is not blank, so its errors are still marked', () => {
    expect(isBlankSweepSource('method: grid')).toBe(false);
    expect(analyzeSweepCell('# comment\nmethod: nosuch').ok).toBe(false);
    expect((analyzeSweepCell('# comment\nmethod: nosuch') as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });
});
