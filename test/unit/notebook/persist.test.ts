import { describe, expect, it } from 'vitest';
import { createCell } from '@/lib/notebook/cell';
import { blankNotebook } from '@/lib/notebook/notebook';
import { fromStoredNotebook, toStoredNotebook } from '@/lib/notebook/persist';

describe('stored notebook records', () => {
  const doc = { ...blankNotebook({ now: 10, id: 'nb-1', title: 'T' }), cells: [createCell('code', 'x', 'c1'), createCell('sweep', 'method: grid', 's1')] };

  it('round-trips the document and outputs, with the fields the store indexes on top', () => {
    const record = toStoredNotebook(doc, { c1: [{ type: 'value', text: '1' }] });
    expect(record).toMatchObject({ id: 'nb-1', title: 'T', updatedAt: 10, cellCount: 2, templateId: null });
    expect(fromStoredNotebook(structuredClone(record))).toEqual({ ok: true, doc, outputs: { c1: [{ type: 'value', text: '1' }] } });
  });

  it('reports a damaged record with the place of the damage instead of throwing', () => {
    const record = toStoredNotebook(doc);
    (record.file.cells[1] as { type: string }).type = 'python';
    const result = fromStoredNotebook(record as { id: string });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Notebook nb-1 in this browser's storage is damaged at cells\.1\.type: /);
    expect(fromStoredNotebook({ id: 'old', title: 'x', updatedAt: 1 })).toMatchObject({ ok: false });
  });
});
