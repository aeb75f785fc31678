import { describe, expect, it } from 'vitest';
import { createCell, type Cell } from '@/lib/notebook/cell';
import { blankNotebook } from '@/lib/notebook/notebook';
import { notebookActions as a, notebookReducer } from '@/lib/notebook/reducer';
import { initialNotebookState, isBusy, isDirty, runtimeOf, UNDO_DELETE_LIMIT, type NotebookState } from '@/lib/notebook/state';
import { MAX_OUTPUTS_PER_CELL } from '@/lib/notebook/outputs';

function stateWith(...sources: string[]): NotebookState {
  const doc = blankNotebook({ now: 1000, id: 'nb-1' });
  doc.cells = sources.map((s, i) => createCell('code', s, `c${i + 1}`));
  return initialNotebookState(doc);
}
const ids = (s: NotebookState) => s.doc.cells.map((c) => c.id);

describe('notebook reducer: cells', () => {
  it('adds a cell after a given one, selects it, and marks the doc dirty', () => {
    const s0 = stateWith('a', 'b');
    const s1 = notebookReducer(s0, a.addCell({ cell: createCell('markdown', '# hi', 'm1'), afterId: 'c1' }));
    expect(ids(s1)).toEqual(['c1', 'm1', 'c2']);
    expect(s1.selectedId).toBe('m1');
    expect(s1.editingId).toBe('m1');
    expect(isDirty(s1)).toBe(true);
    expect(ids(s0)).toEqual(['c1', 'c2']); // pure: the old state is untouched
  });

  it('adds before a given cell', () => {
    const s = notebookReducer(stateWith('a', 'b'), a.addCell({ cell: createCell('code', '', 'x'), beforeId: 'c1' }));
    expect(ids(s)).toEqual(['x', 'c1', 'c2']);
  });

  it('adds at the end when afterId is missing or unknown', () => {
    const s = notebookReducer(stateWith('a'), a.addCell({ cell: createCell('code', '', 'x'), afterId: 'nope' }));
    expect(ids(s)).toEqual(['c1', 'x']);
  });

  it('deletes a cell with its outputs and moves the selection to a neighbour', () => {
    let s = stateWith('a', 'b', 'c');
    s = notebookReducer(s, a.select({ id: 'c3' }));
    s = notebookReducer(s, a.appendOutput({ id: 'c3', output: { type: 'value', text: '1' } }));
    s = notebookReducer(s, a.deleteCell({ id: 'c3' }));
    expect(ids(s)).toEqual(['c1', 'c2']);
    expect(s.runtime.c3).toBeUndefined();
    expect(s.selectedId).toBe('c2');
  });

  it('moves cells up and down and ignores moves past the edges', () => {
    const s0 = stateWith('a', 'b', 'c');
    expect(ids(notebookReducer(s0, a.moveCell({ id: 'c2', direction: -1 })))).toEqual(['c2', 'c1', 'c3']);
    expect(ids(notebookReducer(s0, a.moveCell({ id: 'c2', direction: 1 })))).toEqual(['c1', 'c3', 'c2']);
    expect(notebookReducer(s0, a.moveCell({ id: 'c1', direction: -1 }))).toBe(s0);
    expect(notebookReducer(s0, a.moveCell({ id: 'c3', direction: 1 }))).toBe(s0);
  });

  it('updates source and language; unchanged values return the same state', () => {
    const s0 = stateWith('a');
    const s1 = notebookReducer(s0, a.updateSource({ id: 'c1', source: 'b' }));
    expect(s1.doc.cells[0].source).toBe('b');
    expect(s1.revision).toBe(1);
    expect(notebookReducer(s1, a.updateSource({ id: 'c1', source: 'b' }))).toBe(s1);
    const s2 = notebookReducer(s1, a.setLanguage({ id: 'c1', language: 'javascript' }));
    expect((s2.doc.cells[0] as Extract<Cell, { type: 'code' }>).language).toBe('javascript');
  });

  it('changes a cell type keeping id and source', () => {
    const s = notebookReducer(stateWith('method: grid'), a.setCellType({ id: 'c1', type: 'sweep' }));
    expect(s.doc.cells[0]).toEqual({ id: 'c1', type: 'sweep', source: 'method: grid' });
  });

  it('renames and records saves by revision', () => {
    let s = notebookReducer(stateWith('a'), a.rename({ title: 'MLP' }));
    expect(s.doc.title).toBe('MLP');
    const saved = s.revision;
    s = notebookReducer(s, a.updateSource({ id: 'c1', source: 'z' }));
    s = notebookReducer(s, a.saved({ revision: saved }));
    expect(isDirty(s)).toBe(true); // an edit after the save started keeps it dirty
    s = notebookReducer(s, a.saved({ revision: s.revision }));
    expect(isDirty(s)).toBe(false);
  });

  it('throws on an unknown action name', () => {
    expect(() => notebookReducer(stateWith('a'), { type: 'explode', payload: {} } as never)).toThrow(/Unknown notebook action "explode"/);
  });
});

describe('notebook reducer: execution', () => {
  it('runs a cell through queued → running → done with counts and duration', () => {
    let s = stateWith('a', 'b');
    s = notebookReducer(s, a.queue({ ids: ['c1', 'c2'] }));
    expect(isBusy(s)).toBe(true);
    s = notebookReducer(s, a.started({ id: 'c1', now: 5000 }));
    expect(runtimeOf(s, 'c1')).toMatchObject({ status: 'running', executionCount: 1, startedAt: 5000 });
    s = notebookReducer(s, a.finished({ id: 'c1', status: 'done', now: 5250 }));
    expect(runtimeOf(s, 'c1')).toMatchObject({ status: 'done', durationMs: 250 });
    s = notebookReducer(s, a.started({ id: 'c2', now: 6000 }));
    expect(runtimeOf(s, 'c2').executionCount).toBe(2);
    expect(s.revision).toBe(0); // running does not change the document
  });

  it('clears the previous outputs when a cell starts again', () => {
    let s = stateWith('a');
    s = notebookReducer(s, a.appendOutput({ id: 'c1', output: { type: 'value', text: 'old' } }));
    s = notebookReducer(s, a.started({ id: 'c1', now: 1 }));
    expect(runtimeOf(s, 'c1').outputs).toEqual([]);
  });

  it('merges consecutive text on one stream and keeps streams apart', () => {
    let s = stateWith('a');
    for (const [stream, text] of [['stdout', 'a\n'], ['stdout', 'b\n'], ['stderr', 'x\n'], ['stdout', 'c\n']] as const) {
      s = notebookReducer(s, a.appendOutput({ id: 'c1', output: { type: 'text', stream, text } }));
    }
    expect(runtimeOf(s, 'c1').outputs).toEqual([
      { type: 'text', stream: 'stdout', text: 'a\nb\n' },
      { type: 'text', stream: 'stderr', text: 'x\n' },
      { type: 'text', stream: 'stdout', text: 'c\n' },
    ]);
  });

  it('drops the oldest outputs past the limit and says so', () => {
    let s = stateWith('a');
    for (let i = 0; i < MAX_OUTPUTS_PER_CELL + 5; i++) {
      s = notebookReducer(s, a.appendOutput({ id: 'c1', output: { type: 'value', text: String(i) } }));
    }
    const r = runtimeOf(s, 'c1');
    expect(r.outputs).toHaveLength(MAX_OUTPUTS_PER_CELL);
    expect(r.outputs[0]).toEqual({ type: 'value', text: '5' });
    expect(r.truncated).toBe(true);
  });

  it('keeps one live view per run however often it is announced', () => {
    let s = stateWith('a');
    const run = { type: 'run' as const, runId: 'r1', name: 'mlp' };
    s = notebookReducer(s, a.appendOutput({ id: 'c1', output: run }));
    const once = s;
    s = notebookReducer(s, a.appendOutput({ id: 'c1', output: run }));
    expect(s).toBe(once);
    s = notebookReducer(s, a.appendOutput({ id: 'c1', output: { ...run, runId: 'r2' } }));
    expect(runtimeOf(s, 'c1').outputs).toHaveLength(2);
  });

  it('ignores outputs for a cell that no longer exists', () => {
    const s0 = stateWith('a');
    expect(notebookReducer(s0, a.appendOutput({ id: 'gone', output: { type: 'value', text: '1' } }))).toBe(s0);
  });

  it('interrupt marks the running cell stopped and unqueues the rest; restart resets the counter', () => {
    let s = stateWith('a', 'b', 'c');
    s = notebookReducer(s, a.queue({ ids: ['c1', 'c2', 'c3'] }));
    s = notebookReducer(s, a.started({ id: 'c1', now: 0 }));
    s = notebookReducer(s, a.finished({ id: 'c1', status: 'done', now: 1 }));
    s = notebookReducer(s, a.started({ id: 'c2', now: 2 }));
    const stopped = notebookReducer(s, a.interrupted({ restart: false }));
    expect([runtimeOf(stopped, 'c1').status, runtimeOf(stopped, 'c2').status, runtimeOf(stopped, 'c3').status]).toEqual(['done', 'stopped', 'idle']);
    expect(isBusy(stopped)).toBe(false);
    expect(stopped.executionCounter).toBe(2);
    expect(notebookReducer(s, a.interrupted({ restart: true })).executionCounter).toBe(0);
  });

  it('clears one cell or every output', () => {
    let s = stateWith('a', 'b');
    s = notebookReducer(s, a.appendOutput({ id: 'c1', output: { type: 'value', text: '1' } }));
    s = notebookReducer(s, a.appendOutput({ id: 'c2', output: { type: 'value', text: '2' } }));
    expect(runtimeOf(notebookReducer(s, a.clearOutputs({ id: 'c1' })), 'c1').outputs).toEqual([]);
    expect(notebookReducer(s, a.clearAllOutputs({})).runtime).toEqual({});
  });
});

describe('notebook reducer: undo cell deletion (Jupyter z)', () => {
  it('puts the deleted cell back at its old position with its outputs, selected, and the doc dirty', () => {
    let s = stateWith('a', 'b', 'c');
    s = notebookReducer(s, a.appendOutput({ id: 'c2', output: { type: 'value', text: '2' } }));
    s = notebookReducer(s, a.saved({ revision: s.revision }));
    s = notebookReducer(s, a.deleteCell({ id: 'c2' }));
    expect(ids(s)).toEqual(['c1', 'c3']);
    const beforeUndo = s;
    s = notebookReducer(s, a.undoDelete({}));
    expect(ids(s)).toEqual(['c1', 'c2', 'c3']);
    expect(s.doc.cells[1]).toEqual(createCell('code', 'b', 'c2'));
    expect(runtimeOf(s, 'c2').outputs).toEqual([{ type: 'value', text: '2' }]);
    expect(s.selectedId).toBe('c2');
    expect(s.deleted).toEqual([]);
    expect(isDirty(s)).toBe(true);
    expect(ids(beforeUndo)).toEqual(['c1', 'c3']); // pure
  });

  it('undoes the last deletions newest first, each back in its place', () => {
    let s = stateWith('a', 'b', 'c', 'd');
    for (const id of ['c2', 'c1', 'c4']) s = notebookReducer(s, a.deleteCell({ id }));
    expect(ids(s)).toEqual(['c3']);
    s = notebookReducer(s, a.undoDelete({}));
    expect(ids(s)).toEqual(['c3', 'c4']);
    s = notebookReducer(s, a.undoDelete({}));
    expect(ids(s)).toEqual(['c1', 'c3', 'c4']);
    s = notebookReducer(s, a.undoDelete({}));
    expect(ids(s)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(notebookReducer(s, a.undoDelete({}))).toBe(s); // nothing left to undo
  });

  it(`keeps the last ${UNDO_DELETE_LIMIT} deletions (at least 10) and forgets older ones`, () => {
    expect(UNDO_DELETE_LIMIT).toBeGreaterThanOrEqual(10);
    const n = UNDO_DELETE_LIMIT + 3;
    let s = stateWith(...Array.from({ length: n }, (_, i) => `cell ${i}`));
    for (let i = 0; i < n; i++) s = notebookReducer(s, a.deleteCell({ id: `c${i + 1}` }));
    expect(ids(s)).toEqual([]);
    expect(s.deleted).toHaveLength(UNDO_DELETE_LIMIT);
    for (let i = 0; i < n; i++) s = notebookReducer(s, a.undoDelete({}));
    // The three oldest deletions (c1..c3) are gone; the rest came back in order.
    expect(ids(s)).toEqual(Array.from({ length: UNDO_DELETE_LIMIT }, (_, i) => `c${i + 4}`));
  });

  it('clamps the position when the notebook got shorter, and a running cell comes back stopped', () => {
    let s = stateWith('a', 'b', 'c');
    s = notebookReducer(s, a.queue({ ids: ['c3'] }));
    s = notebookReducer(s, a.started({ id: 'c3', now: 1 }));
    s = notebookReducer(s, a.deleteCell({ id: 'c3' }));
    s = notebookReducer(s, a.deleteCell({ id: 'c2' }));
    s = notebookReducer(s, a.undoDelete({})); // c2 back at index 1
    s = notebookReducer(s, a.deleteCell({ id: 'c1' }));
    s = notebookReducer(s, a.deleteCell({ id: 'c2' }));
    s = notebookReducer(s, a.undoDelete({})); // c2 at 0
    s = notebookReducer(s, a.undoDelete({})); // c1 at 0
    s = notebookReducer(s, a.undoDelete({})); // c3 asked for index 2 of a 2-cell notebook: the end
    expect(ids(s)).toEqual(['c1', 'c2', 'c3']);
    expect(runtimeOf(s, 'c3').status).toBe('stopped');
    expect(isBusy(s)).toBe(false);
  });

  it('does not duplicate a cell whose id is back already, and a load forgets the stack', () => {
    let s = stateWith('a', 'b');
    s = notebookReducer(s, a.deleteCell({ id: 'c2' }));
    s = notebookReducer(s, a.addCell({ cell: createCell('code', 'again', 'c2') }));
    s = notebookReducer(s, a.undoDelete({}));
    expect(ids(s)).toEqual(['c1', 'c2']);
    expect(s.doc.cells[1].source).toBe('again');
    expect(s.deleted).toEqual([]);
    s = notebookReducer(s, a.deleteCell({ id: 'c1' }));
    s = notebookReducer(s, a.load({ doc: s.doc }));
    expect(s.deleted).toEqual([]);
  });
});
