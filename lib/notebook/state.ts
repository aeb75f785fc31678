import type { CellOutput } from '../kernel/protocol';
import type { Cell } from './cell';
import type { NotebookDoc } from './notebook';

/** Where a cell is in its execution life. `stopped`: the user stopped it or the kernel restarted. */
export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'stopped';

export interface CellRuntime {
  status: CellStatus;
  outputs: CellOutput[];
  /** Jupyter's [n]: how many cells the kernel ran before and including this one. */
  executionCount: number | null;
  /** Wall time of the last finished execution, ms. */
  durationMs: number | null;
  startedAt: number | null;
  /** True when older outputs were dropped to keep the page responsive. */
  truncated: boolean;
}

/** A deleted cell, kept so `undoDelete` can put it back where it was with its outputs. */
export interface DeletedCell {
  cell: Cell;
  /** Its position when it was deleted. */
  index: number;
  runtime: CellRuntime | undefined;
}

/** How many deletions can be undone (Jupyter keeps a stack too; the issue asks for at least 10). */
export const UNDO_DELETE_LIMIT = 20;

export interface NotebookState {
  doc: NotebookDoc;
  runtime: Record<string, CellRuntime>;
  selectedId: string | null;
  /** The cell being edited: its editor takes focus on mount, and a markdown cell shows its source. */
  editingId: string | null;
  /** Counter of the kernel's executions since it (re)started. */
  executionCounter: number;
  /** Bumped on every change to `doc`; autosave compares it with `savedRevision`. */
  revision: number;
  savedRevision: number;
  /** Deleted cells, newest last, at most UNDO_DELETE_LIMIT. Not saved: undo lasts for the page. */
  deleted: DeletedCell[];
}

export const EMPTY_RUNTIME: CellRuntime = {
  status: 'idle',
  outputs: [],
  executionCount: null,
  durationMs: null,
  startedAt: null,
  truncated: false,
};

export function initialNotebookState(doc: NotebookDoc, runtime: Record<string, CellRuntime> = {}): NotebookState {
  return {
    doc,
    runtime,
    selectedId: doc.cells[0]?.id ?? null,
    editingId: null,
    executionCounter: 0,
    revision: 0,
    savedRevision: 0,
    deleted: [],
  };
}

export function runtimeOf(state: NotebookState, cellId: string): CellRuntime {
  return state.runtime[cellId] ?? EMPTY_RUNTIME;
}

export function isDirty(state: NotebookState): boolean {
  return state.revision !== state.savedRevision;
}

export function isBusy(state: NotebookState): boolean {
  return Object.values(state.runtime).some((r) => r.status === 'running' || r.status === 'queued');
}
