import type { CellOutput } from '../kernel/protocol';
import { withCellType, type Cell, type CellType, type CodeLanguage } from './cell';
import { createReducer, type ActionsOf } from './create-reducer';
import { appendOutput } from './outputs';
import { EMPTY_RUNTIME, initialNotebookState, runtimeOf, UNDO_DELETE_LIMIT, type CellRuntime, type NotebookState } from './state';
import type { NotebookDoc } from './notebook';

/** Pure transitions of a notebook; ids and timestamps come in payloads, never from inside. */

function editDoc(state: NotebookState, cells: Cell[], extra?: Partial<NotebookDoc>): NotebookState {
  return { ...state, doc: { ...state.doc, ...extra, cells }, revision: state.revision + 1 };
}

function patchRuntime(state: NotebookState, id: string, patch: Partial<CellRuntime>): NotebookState {
  if (!state.doc.cells.some((c) => c.id === id)) return state;
  return { ...state, runtime: { ...state.runtime, [id]: { ...runtimeOf(state, id), ...patch } } };
}

function mapCell(state: NotebookState, id: string, fn: (cell: Cell) => Cell): NotebookState {
  const index = state.doc.cells.findIndex((c) => c.id === id);
  if (index < 0) return state;
  const next = fn(state.doc.cells[index]);
  if (next === state.doc.cells[index]) return state;
  const cells = state.doc.cells.slice();
  cells[index] = next;
  return editDoc(state, cells);
}

/** What an interrupted cell shows: the running one `stopped`, queued ones back to `idle`. */
function settledRuntime(runtime: CellRuntime): CellRuntime {
  if (runtime.status === 'running') return { ...runtime, status: 'stopped' };
  return runtime.status === 'queued' ? { ...runtime, status: 'idle' } : runtime;
}

const handlers = {
  /** Replaces everything (a notebook was loaded or imported). */
  load: (_state: NotebookState, p: { doc: NotebookDoc; runtime?: Record<string, CellRuntime> }) =>
    initialNotebookState(p.doc, p.runtime),

  rename: (state: NotebookState, p: { title: string }) =>
    p.title === state.doc.title ? state : editDoc(state, state.doc.cells, { title: p.title }),

  /** Inserts `cell` before `beforeId`, else after `afterId`, else at the end; selects it. */
  addCell: (state: NotebookState, p: { cell: Cell; afterId?: string | null; beforeId?: string }) => {
    const before = p.beforeId == null ? -1 : state.doc.cells.findIndex((c) => c.id === p.beforeId);
    const after = p.afterId == null ? -1 : state.doc.cells.findIndex((c) => c.id === p.afterId);
    const index = before >= 0 ? before : after >= 0 ? after + 1 : state.doc.cells.length;
    const cells = [...state.doc.cells.slice(0, index), p.cell, ...state.doc.cells.slice(index)];
    // A new cell opens in its editor (markdown too), ready for typing.
    return { ...editDoc(state, cells), selectedId: p.cell.id, editingId: p.cell.id };
  },

  /** Removes a cell and its outputs (kept for `undoDelete`); selection moves to its neighbour. */
  deleteCell: (state: NotebookState, p: { id: string }) => {
    const index = state.doc.cells.findIndex((c) => c.id === p.id);
    if (index < 0) return state;
    const cells = state.doc.cells.filter((c) => c.id !== p.id);
    const { [p.id]: removedRuntime, ...runtime } = state.runtime;
    const neighbour = cells[Math.min(index, cells.length - 1)]?.id ?? null;
    const deleted = [...state.deleted, { cell: state.doc.cells[index], index, runtime: removedRuntime }].slice(-UNDO_DELETE_LIMIT);
    return {
      ...editDoc(state, cells),
      runtime,
      deleted,
      selectedId: state.selectedId === p.id ? neighbour : state.selectedId,
      editingId: state.editingId === p.id ? null : state.editingId,
    };
  },

  /**
   * Jupyter's `z`: puts the most recently deleted cell back at its old position (or the end, if
   * the notebook is shorter now) with its outputs, and selects it. A run it had going was
   * stopped when it left, so a running or queued status comes back as `stopped` / `idle`.
   */
  undoDelete: (state: NotebookState, _p: Record<string, never>) => {
    const last = state.deleted.at(-1);
    if (!last) return state;
    const deleted = state.deleted.slice(0, -1);
    // An id already back in the notebook (e.g. the same cell re-imported) cannot come twice.
    if (state.doc.cells.some((c) => c.id === last.cell.id)) return { ...state, deleted };
    const index = Math.min(last.index, state.doc.cells.length);
    const cells = [...state.doc.cells.slice(0, index), last.cell, ...state.doc.cells.slice(index)];
    const runtime = last.runtime ? { ...state.runtime, [last.cell.id]: settledRuntime(last.runtime) } : state.runtime;
    return { ...editDoc(state, cells), runtime, deleted, selectedId: last.cell.id, editingId: null };
  },

  /** Moves a cell one place up (-1) or down (+1); a no-op at the edges. */
  moveCell: (state: NotebookState, p: { id: string; direction: -1 | 1 }) => {
    const index = state.doc.cells.findIndex((c) => c.id === p.id);
    const target = index + p.direction;
    if (index < 0 || target < 0 || target >= state.doc.cells.length) return state;
    const cells = state.doc.cells.slice();
    [cells[index], cells[target]] = [cells[target], cells[index]];
    return editDoc(state, cells);
  },

  updateSource: (state: NotebookState, p: { id: string; source: string }) =>
    mapCell(state, p.id, (c) => (c.source === p.source ? c : { ...c, source: p.source })),

  setLanguage: (state: NotebookState, p: { id: string; language: CodeLanguage }) =>
    mapCell(state, p.id, (c) => (c.type !== 'code' || c.language === p.language ? c : { ...c, language: p.language })),

  setCellType: (state: NotebookState, p: { id: string; type: CellType }) => {
    const next = mapCell(state, p.id, (c) => withCellType(c, p.type));
    return next === state ? state : patchRuntime(next, p.id, { ...EMPTY_RUNTIME });
  },

  select: (state: NotebookState, p: { id: string | null }) =>
    state.selectedId === p.id ? state : { ...state, selectedId: p.id },

  setEditing: (state: NotebookState, p: { id: string | null }) =>
    state.editingId === p.id ? state : { ...state, editingId: p.id, selectedId: p.id ?? state.selectedId },

  /** Cells waiting their turn in the kernel; their previous outputs stay until they start. */
  queue: (state: NotebookState, p: { ids: string[] }) =>
    p.ids.reduce((s, id) => patchRuntime(s, id, { status: 'queued' }), state),

  /** The kernel began a cell: old outputs go, the execution count advances. */
  started: (state: NotebookState, p: { id: string; now: number }) => {
    const counter = state.executionCounter + 1;
    const next = patchRuntime(state, p.id, {
      status: 'running',
      outputs: [],
      truncated: false,
      executionCount: counter,
      startedAt: p.now,
      durationMs: null,
    });
    return next === state ? state : { ...next, executionCounter: counter };
  },

  /** A `run` output appears once per run, however often the kernel announces it. */
  appendOutput: (state: NotebookState, p: { id: string; output: CellOutput }) => {
    const current = runtimeOf(state, p.id);
    const out = p.output;
    if (out.type === 'run' && current.outputs.some((o) => o.type === 'run' && o.runId === out.runId)) return state;
    const { outputs, truncated } = appendOutput(current.outputs, p.output);
    return patchRuntime(state, p.id, { outputs, truncated: current.truncated || truncated });
  },

  setOutputs: (state: NotebookState, p: { id: string; outputs: CellOutput[] }) =>
    patchRuntime(state, p.id, { outputs: p.outputs, truncated: false }),

  finished: (state: NotebookState, p: { id: string; status: 'done' | 'error' | 'stopped'; now: number }) => {
    const current = runtimeOf(state, p.id);
    const durationMs = current.startedAt == null ? null : Math.max(0, p.now - current.startedAt);
    return patchRuntime(state, p.id, { status: p.status, durationMs });
  },

  clearOutputs: (state: NotebookState, p: { id: string }) =>
    patchRuntime(state, p.id, { outputs: [], truncated: false, status: 'idle', executionCount: null, durationMs: null }),

  clearAllOutputs: (state: NotebookState, _p: Record<string, never>) => ({ ...state, runtime: {} }),

  /** Stop or kernel restart: queued cells go back to idle, the running one becomes `stopped`. */
  interrupted: (state: NotebookState, p: { restart: boolean }) => {
    const runtime: Record<string, CellRuntime> = {};
    for (const [id, r] of Object.entries(state.runtime)) runtime[id] = settledRuntime(r);
    return { ...state, runtime, executionCounter: p.restart ? 0 : state.executionCounter };
  },

  /** Autosave wrote `revision`; later edits keep the notebook dirty. */
  saved: (state: NotebookState, p: { revision: number }) => ({ ...state, savedRevision: Math.max(state.savedRevision, p.revision) }),
};

export const { reducer: notebookReducer, actions: notebookActions } = createReducer<NotebookState, typeof handlers>(handlers);
export type NotebookAction = ActionsOf<typeof handlers>;
