'use client';

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { liveRuns } from '@/lib/runs/live-runs';
import { createSyncKicker } from '@/lib/runs/sync-kicker';
import { getSyncController } from '@/lib/track/sync-controller';
import type { KernelClient } from '@/lib/kernel/client';
import type { BackendChoice, KernelEvent } from '@/lib/kernel/protocol';
import { createCell } from '@/lib/notebook/cell';
import { ExecutionQueue } from '@/lib/notebook/execution-queue';
import { cellExecution } from '@/lib/notebook/sweep-cell';
import { notebookActions as A, notebookReducer } from '@/lib/notebook/reducer';
import { isBusy, type NotebookState } from '@/lib/notebook/state';
import type { CellActions } from './cells/cell-actions';
import { useKernel } from './kernel/use-kernel';
import { LiveRunStore } from '@/lib/runs/live-run-store';

export interface ControllerOptions {
  initial: NotebookState;
  backend: BackendChoice;
  params: Record<string, string | number>;
}

/** Focuses a cell's editor, or the cell itself in command mode (after React rendered it). */
function focusCell(id: string, target: 'editor' | 'cell') {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`);
    if (!el) return;
    const editor = target === 'editor' ? el.querySelector<HTMLElement>('textarea, .monaco-editor textarea') : null;
    (editor ?? el).focus({ preventScroll: false });
    el.scrollIntoView({ block: 'nearest' });
  });
}

/**
 * The notebook's behaviour: the reducer, the kernel, the execution queue and the live run store,
 * wired so events from the worker become state, and cell actions become kernel requests.
 */
export function useNotebookController({ initial, backend, params }: ControllerOptions) {
  const [state, dispatchToReact] = useReducer(notebookReducer, initial);
  // The latest state, updated the moment an action is dispatched: Chromium runs input events
  // before React renders, so a Shift+Enter right after typing must not see the previous source.
  const stateRef = useRef(state);
  const dispatch = useCallback((action: Parameters<typeof notebookReducer>[1]) => {
    stateRef.current = notebookReducer(stateRef.current, action);
    dispatchToReact(action);
  }, []);
  const [live] = useState(() => new LiveRunStore());
  /** Deletions so far: each one shows the undo toast again. */
  const [deletions, setDeletions] = useState(0);
  const [kickSync] = useState(() => createSyncKicker({ kick: () => getSyncController().kick() }));
  const ownedRuns = useRef(new Set<string>());

  const onEvent = (event: KernelEvent) => {
    live.apply(event);
    kickSync(event);
    switch (event.type) {
      case 'output':
        dispatch(A.appendOutput({ id: event.cellId, output: event.output }));
        break;
      case 'run-started':
        liveRuns.add(event.run.id);
        ownedRuns.current.add(event.run.id);
        dispatch(A.appendOutput({ id: event.cellId, output: { type: 'run', runId: event.run.id, name: event.run.name } }));
        break;
      case 'run-finished':
        liveRuns.delete(event.runId);
        ownedRuns.current.delete(event.runId);
        break;
      case 'restarted':
        queueRef.current?.cancelPending();
        dispatch(A.interrupted({ restart: true }));
        break;
      default:
        break;
    }
  };

  const { kernel, view, dismissMessage } = useKernel({ notebookId: state.doc.id, projectId: state.doc.projectId, owner: null, backend, params, onEvent });
  const kernelRef = useRef<KernelClient | null>(kernel);
  kernelRef.current = kernel;

  const queueRef = useRef<ExecutionQueue | null>(null);
  queueRef.current ??= new ExecutionQueue(
    async (cellId) => {
      const client = kernelRef.current;
      // Code cells run as written; a sweep cell runs the code from sweepCellToCode (bench.sweep).
      const execution = cellExecution(stateRef.current.doc, cellId);
      if (!client || !execution) return { ok: true };
      const outcome = await client.execute(execution);
      return outcome.ok ? { ok: true } : { ok: false, error: outcome.error };
    },
    {
      started: (id) => dispatch(A.started({ id, now: Date.now() })),
      finished: (id, status) => dispatch(A.finished({ id, status, now: Date.now() })),
      cancelled: () => dispatch(A.interrupted({ restart: false })),
    },
  );

  useEffect(() => {
    const owned = ownedRuns.current;
    return () => owned.forEach((id) => liveRuns.delete(id));
  }, []);

  const actions = useMemo<CellActions>(() => {
    const cells = () => stateRef.current.doc.cells;
    return {
      select: (id) => dispatch(A.select({ id })),
      updateSource: (id, source) => dispatch(A.updateSource({ id, source })),
      setLanguage: (id, language) => dispatch(A.setLanguage({ id, language })),
      setType: (id, type) => dispatch(A.setCellType({ id, type })),
      move: (id, direction) => dispatch(A.moveCell({ id, direction })),
      remove: (id) => {
        const list = cells();
        const index = list.findIndex((c) => c.id === id);
        if (index < 0) return;
        const neighbour = list[index + 1] ?? list[index - 1];
        dispatch(A.deleteCell({ id }));
        setDeletions((n) => n + 1);
        // The delete button left with its cell: keep keyboard focus in the notebook.
        if (neighbour) focusCell(neighbour.id, 'cell');
      },
      setEditing: (id) => dispatch(A.setEditing({ id })),
      commandMode: (id) => {
        dispatch(A.setEditing({ id: null }));
        focusCell(id, 'cell');
      },
      run: (id, mode) => {
        const list = cells();
        const index = list.findIndex((c) => c.id === id);
        const cell = list[index];
        if (!cell) return;
        if (cell.type !== 'markdown') {
          dispatch(A.queue({ ids: [id] }));
          queueRef.current!.enqueue([id]);
        } else if (cell.type === 'markdown') {
          dispatch(A.setEditing({ id: null }));
        }
        if (mode === 'stay') return;
        const next = list[index + 1];
        if (next) {
          dispatch(A.select({ id: next.id }));
          focusCell(next.id, next.type === 'markdown' ? 'cell' : 'editor');
        } else {
          // Jupyter: Shift+Enter on the last cell opens a new one below.
          const fresh = createCell('code');
          dispatch(A.addCell({ cell: fresh, afterId: id }));
          focusCell(fresh.id, 'editor');
        }
      },
    };
  }, [dispatch]);

  /** Jupyter's `z`: the last deleted cell comes back, selected and focused in command mode. */
  const undoDelete = useCallback(() => {
    const last = stateRef.current.deleted.at(-1);
    if (!last) return;
    dispatch(A.undoDelete({}));
    focusCell(last.cell.id, 'cell');
  }, [dispatch]);

  const runAll = () => {
    const ids = stateRef.current.doc.cells.filter((c) => c.type !== 'markdown').map((c) => c.id);
    dispatch(A.setEditing({ id: null }));
    dispatch(A.queue({ ids }));
    queueRef.current!.enqueue(ids);
  };
  const stop = async () => {
    queueRef.current!.cancelPending();
    await kernelRef.current?.stop();
  };
  const restart = async () => {
    queueRef.current!.cancelPending();
    dispatch(A.interrupted({ restart: true }));
    await kernelRef.current?.restart().catch(() => undefined);
  };
  const addCell = (type: 'code' | 'markdown' | 'sweep' = 'code', position: 'below' | 'above' | 'end' = 'below') => {
    const cell = createCell(type);
    const { selectedId, doc } = stateRef.current;
    const hasSelection = doc.cells.some((c) => c.id === selectedId);
    if (position === 'above' && hasSelection) dispatch(A.addCell({ cell, beforeId: selectedId! }));
    else dispatch(A.addCell({ cell, afterId: position === 'below' && hasSelection ? selectedId : null }));
    if (type !== 'markdown') focusCell(cell.id, 'editor');
  };

  return { state, dispatch, live, kernel: view, dismissKernelMessage: dismissMessage, actions, runAll, stop, restart, addCell, deletions, undoDelete, busy: isBusy(state) };
}
