import { describe, expect, it } from 'vitest';
import { createCell } from '@/lib/notebook/cell';
import { notebookFileName, serializeNotebook } from '@/lib/notebook/format';
import { blankNotebook, notebookFromTemplate, type NotebookDoc } from '@/lib/notebook/notebook';
import { asImportedCopy, parseNotebookFile } from '@/lib/notebook/parse-file';

function sampleDoc(): NotebookDoc {
  const doc = blankNotebook({ now: 1_700_000_000_000, id: 'nb-abc', title: 'Spirals' });
  doc.cells = [
    createCell('markdown', '# Spirals', 'm1'),
    { id: 'c1', type: 'code', source: 'const x: number = 1;\nx', language: 'typescript' },
    { id: 'c2', type: 'code', source: 'x + 1', language: 'javascript' },
    createCell('sweep', 'method: grid\nparameters:\n  lr: {values: [0.1, 0.01]}\n', 's1'),
  ];
  return doc;
}

function errorsOf(text: string): string[] {
  const r = parseNotebookFile(text);
  if (r.ok) throw new Error('expected a failure');
  return r.errors;
}

describe('notebook file format v1', () => {
  it('round-trips cells, languages, sweep YAML and outputs', () => {
    const doc = sampleDoc();
    const outputs = {
      c1: [
        { type: 'value' as const, text: '1' },
        { type: 'error' as const, error: { name: 'TypeError', message: 'boom', line: 2, column: 1 } },
      ],
      c2: [{ type: 'run' as const, runId: 'r-1', name: 'mlp' }],
    };
    const text = serializeNotebook(doc, outputs);
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({ format: 'benchtop-notebook', version: 1, id: 'nb-abc', title: 'Spirals' });
    expect(parsed.cells[0]).not.toHaveProperty('language'); // markdown has no language
    expect(parsed.cells[3]).not.toHaveProperty('outputs'); // empty outputs are omitted
    const r = parseNotebookFile(text);
    expect(r).toEqual({ ok: true, doc, outputs });
  });

  it('defaults a code cell without language to TypeScript', () => {
    const file = JSON.parse(serializeNotebook(sampleDoc()));
    delete file.cells[1].language;
    const r = parseNotebookFile(JSON.stringify(file));
    expect(r.ok && r.doc.cells[1]).toEqual({ id: 'c1', type: 'code', source: 'const x: number = 1;\nx', language: 'typescript' });
  });

  it('reports invalid JSON', () => {
    expect(errorsOf('{"format": ')[0]).toMatch(/^The file is not valid JSON: /);
  });

  it('reports a file that is not a Benchtop notebook, and recognises .ipynb', () => {
    expect(errorsOf('[1,2]')[0]).toMatch(/expected a JSON object/);
    expect(errorsOf('{"format":"other"}')[0]).toBe('The file is not a Benchtop notebook: "format" must be "benchtop-notebook", found "other".');
    expect(errorsOf('{"nbformat":4,"cells":[]}')[0]).toMatch(/Jupyter notebook/);
  });

  it('refuses a newer version with a plain explanation, and a nonsense version', () => {
    const file = { ...JSON.parse(serializeNotebook(sampleDoc())), version: 2 };
    expect(errorsOf(JSON.stringify(file))).toEqual(['The notebook was saved by a newer Benchtop (file version 2); this app reads version 1.']);
    expect(errorsOf(JSON.stringify({ ...file, version: '1' }))[0]).toMatch(/"version" must be a whole number/);
  });

  it('says which field of which cell is wrong', () => {
    const file = JSON.parse(serializeNotebook(sampleDoc()));
    file.cells[2].type = 'python';
    file.cells[1].source = 42;
    const errors = errorsOf(JSON.stringify(file));
    expect(errors).toHaveLength(2);
    expect(errors.some((e) => e.startsWith('cells[2].type: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('cells[1].source: '))).toBe(true);
  });

  it('rejects bad outputs and missing top-level fields with their path', () => {
    const file = JSON.parse(serializeNotebook(sampleDoc()));
    file.cells[1].outputs = [{ type: 'error', error: { name: 'E', message: 'm', line: 'two', column: null } }];
    delete file.title;
    const errors = errorsOf(JSON.stringify(file));
    expect(errors.some((e) => e.startsWith('title: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('cells[1].outputs[0].error.line: '))).toBe(true);
  });

  it('rejects duplicate cell ids, naming both places', () => {
    const file = JSON.parse(serializeNotebook(sampleDoc()));
    file.cells[3].id = 'c1';
    expect(errorsOf(JSON.stringify(file))).toEqual(['cells[3].id: "c1" repeats the id of cells[1]; cell ids must be unique.']);
  });

  it('lists at most eight problems', () => {
    const file = JSON.parse(serializeNotebook(sampleDoc()));
    file.cells = Array.from({ length: 20 }, (_, i) => ({ id: `x${i}`, type: 'nope', source: '' }));
    const errors = errorsOf(JSON.stringify(file));
    expect(errors).toHaveLength(9);
    expect(errors[8]).toBe('…and 12 more problems.');
  });

  it('imports as a copy with a new id so the original is never overwritten', () => {
    const copy = asImportedCopy(sampleDoc(), { id: 'nb-new', now: 5 });
    expect(copy.id).toBe('nb-new');
    expect(copy.cells).toEqual(sampleDoc().cells);
  });

  it('names export files from the title', () => {
    expect(notebookFileName('MNIST — CNN (v2)!')).toBe('mnist-cnn-v2.benchtop.json');
    expect(notebookFileName('???')).toBe('notebook.benchtop.json');
  });
});

describe('templates', () => {
  it('turns a template into a notebook with fresh cell ids', () => {
    let n = 0;
    const doc = notebookFromTemplate(
      { id: 'playground', title: '2-D playground', description: 'd', cells: [{ type: 'markdown', source: '# P' }, { type: 'code', source: '1' }] },
      { now: 7, id: 'nb-p', cellId: () => `k${++n}` },
    );
    expect(doc).toMatchObject({ id: 'nb-p', title: '2-D playground', templateId: 'playground', createdAt: 7 });
    expect(doc.cells).toEqual([
      { id: 'k1', type: 'markdown', source: '# P' },
      { id: 'k2', type: 'code', source: '1', language: 'typescript' },
    ]);
  });
});
