import { describe, expect, it } from 'vitest';
import { mnistMlpTemplate } from '@/lib/bench/templates/mnist-mlp';
import { fromStoredNotebook, toStoredNotebook } from '@/lib/notebook/persist';
import { notebookFromRun, runNotebookHref, type RunForNotebook } from '@/lib/notebook/run-to-notebook';
import { parseKernelUrlParams } from '@/lib/notebook/url-params';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MarkdownView } from '@/components/notebook/markdown-view';

/** "Open as notebook": a run's code snapshot and config become a new notebook that reproduces it. */

const templateCode = mnistMlpTemplate.cells.filter((c) => c.type === 'code').map((c, i) => ({ cellId: `c${i}`, source: c.source }));
const run: RunForNotebook = {
  id: 'run-abc',
  name: 'mnist-mlp',
  projectId: 'proj-1',
  // What bench.train recorded for a template run opened with ?param.epochs=2&param.trainSize=512.
  config: { hidden: 128, epochs: 2, trainSize: 512, batchSize: 128, seed: 7, optimizer: 'adam', metrics: ['accuracy'] },
  code: { cells: templateCode, sha256: 'f'.repeat(64) },
  sweepId: null,
  trialId: null,
};
const renderMarkdown = (source: string) => renderToStaticMarkup(createElement(MarkdownView, { source }));
let n = 0;
const ids = () => `c-${++n}`;

describe('notebookFromRun', () => {
  it('makes a notebook of a markdown cell with the config, then the snapshot cells in order, in the run\'s project', () => {
    const made = notebookFromRun(run, { now: 5, id: 'nb-new', cellId: ids })!;
    expect(made.doc).toMatchObject({ id: 'nb-new', title: 'mnist-mlp (reproduced)', projectId: 'proj-1', templateId: null, createdAt: 5, updatedAt: 5 });
    const [intro, ...code] = made.doc.cells;
    expect(intro.type).toBe('markdown');
    expect(intro.source).toContain(JSON.stringify(run.config, null, 2));
    expect(intro.source).toContain('[run\\-abc](/runs/run-abc)');
    expect(code.map((c) => [c.type, c.source])).toEqual(templateCode.map((c) => ['code', c.source]));
    expect(new Set(made.doc.cells.map((c) => c.id)).size).toBe(made.doc.cells.length);
  });

  it('carries the config values the code reads with bench.param, as the URL the notebook page reads them from', () => {
    const made = notebookFromRun(run, { now: 5, id: 'nb-new', cellId: ids })!;
    // The template reads epochs, trainSize and testSize; the config has no testSize.
    expect(made.params).toEqual({ epochs: 2, trainSize: 512 });
    const href = runNotebookHref(made);
    expect(href).toBe('/notebooks/nb-new?param.epochs=2&param.trainSize=512');
    expect(parseKernelUrlParams(new URL(href, 'https://x').searchParams).params).toEqual({ epochs: 2, trainSize: 512 });
  });

  it('is a valid stored notebook (what IndexedDB keeps and the notebook page opens)', () => {
    const made = notebookFromRun(run, { now: 5, id: 'nb-new', cellId: ids })!;
    expect(fromStoredNotebook(structuredClone(toStoredNotebook(made.doc)))).toEqual({ ok: true, doc: made.doc, outputs: {} });
  });

  it('shows a run\'s name and config literally: no markup, links or fence breaks from user text', () => {
    const hostile: RunForNotebook = { ...run, name: '<img src=x onerror=alert(1)> [click](javascript:alert(1)) $x^2$', config: { note: '```\n# injected' } };
    const intro = notebookFromRun(hostile, { now: 5, cellId: ids })!.doc.cells[0].source;
    const html = renderMarkdown(intro);
    expect(html).not.toMatch(/<img|href="javascript/);
    expect(html).not.toMatch(/<h1[^>]*>injected/);
    expect(html).not.toContain('katex');
    expect(intro).toContain('````json');
  });

  it('says which sweep trial a run was, and gives nothing for a run without code', () => {
    const trial = notebookFromRun({ ...run, sweepId: 'sw-1', trialId: 't-3' }, { now: 5, cellId: ids })!;
    expect(trial.doc.cells[0].source).toContain("trial t\\-3 of sweep sw\\-1");
    expect(notebookFromRun({ ...run, code: null }, { now: 5 })).toBeNull();
    expect(notebookFromRun({ ...run, code: { cells: [], sha256: '' } }, { now: 5 })).toBeNull();
  });
});
