'use client';

import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import type { Cell } from '@/lib/notebook/cell';
import type { CellActions } from './cells/cell-actions';

/** Two presses of D within this window delete the cell, as in Jupyter. */
const DOUBLE_PRESS_MS = 500;

function focusCellElement(id: string, editor: boolean) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(id)}"]`);
    const target = editor ? el?.querySelector<HTMLElement>('.monaco-editor textarea') : el;
    target?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  });
}

/**
 * Jupyter's command mode: with a cell focused (not its editor), Enter edits, Shift+Enter runs and
 * moves on, Ctrl/Cmd+Enter runs, ↑/↓ (or K/J) move the selection, A/B add a cell above/below,
 * D D deletes, M/Y make it markdown/code, H shows the shortcuts. (Z, undo delete, is `useUndoDeleteKey`: it must work
 * with no cell left to focus.)
 */
export function useCommandMode(options: {
  cells: () => Cell[];
  actions: CellActions;
  addCell: (type: 'code', position: 'above' | 'below') => void;
  showHelp: () => void;
}) {
  const { cells, actions, addCell, showHelp } = options;
  const lastD = useRef(0);
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement;
      const id = target.dataset?.cellId;
      if (!id || e.altKey) return;
      const list = cells();
      const index = list.findIndex((c) => c.id === id);
      const cell = list[index];
      if (!cell) return;
      const selectAt = (i: number) => {
        const next = list[Math.max(0, Math.min(list.length - 1, i))];
        actions.select(next.id);
        focusCellElement(next.id, false);
      };
      const mod = e.ctrlKey || e.metaKey;
      let handled = true;
      if (e.key === 'Enter' && e.shiftKey) actions.run(id, 'next');
      else if (e.key === 'Enter' && mod) actions.run(id, 'stay');
      else if (e.key === 'Enter') {
        if (cell.type === 'markdown') actions.setEditing(id);
        else focusCellElement(id, true);
      } else if (mod) handled = false;
      else if (e.key === 'ArrowUp' || e.key === 'k') selectAt(index - 1);
      else if (e.key === 'ArrowDown' || e.key === 'j') selectAt(index + 1);
      else if (e.key === 'a') addCell('code', 'above');
      else if (e.key === 'b') addCell('code', 'below');
      else if (e.key === 'm') actions.setType(id, 'markdown');
      else if (e.key === 'y') actions.setType(id, 'code');
      else if (e.key === 'h') showHelp();
      else if (e.key === 'd') {
        const now = performance.now();
        if (now - lastD.current < DOUBLE_PRESS_MS) {
          lastD.current = 0;
          actions.remove(id); // focuses the neighbour
        } else lastD.current = now;
      } else handled = false;
      if (handled) e.preventDefault();
    },
    [cells, actions, addCell, showHelp],
  );
}

/** True where a key types text (an input, Monaco's textarea, a select, contenteditable). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/**
 * Jupyter's Z in command mode: undo the last cell deletion. Listens on the window, because after
 * deleting the last cell focus is on the page itself; typing z in any editor or field is text.
 */
export function useUndoDeleteKey(onUndo: () => void) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.key !== 'z' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      if (isTextEntry(e.target)) return;
      e.preventDefault();
      onUndo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onUndo]);
}
