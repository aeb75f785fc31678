'use client';

import { useEffect, useRef, useState, type Dispatch } from 'react';
import { getNotebookStore } from '@/lib/track/tab-stores';
import type { CellOutput } from '@/lib/kernel/protocol';
import { toStoredNotebook } from '@/lib/notebook/persist';
import { notebookActions as A, type NotebookAction } from '@/lib/notebook/reducer';
import type { NotebookState } from '@/lib/notebook/state';

export type SaveStatus = { kind: 'saved'; at: number | null } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'error'; message: string };

/** Quiet time after the last edit before writing; and the longest an edit waits during steady typing. */
const DEBOUNCE_MS = 800;
const MAX_WAIT_MS = 5000;

const NO_FIELDS: Record<string, unknown> = {};

function outputsOf(state: NotebookState): Record<string, CellOutput[]> {
  return Object.fromEntries(Object.entries(state.runtime).map(([id, r]) => [id, r.outputs]));
}

/**
 * Writes the notebook (cells and outputs) to IndexedDB shortly after it changes, and at once when
 * the tab is hidden or the page is left. `updatedAt` moves only when the cells changed, so running
 * a notebook does not reorder the home page's list. `recordFields` are kept on the stored record
 * beside the notebook (an assignment copy's `classCopy`).
 */
export function useAutosave(state: NotebookState, dispatch: Dispatch<NotebookAction>, recordFields: Record<string, unknown> = NO_FIELDS): SaveStatus {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: null });
  const latest = useRef(state);
  latest.current = state;
  const fields = useRef(recordFields);
  fields.current = recordFields;
  const saved = useRef({ revision: state.revision, runtime: state.runtime, updatedAt: state.doc.updatedAt });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstPending = useRef<number | null>(null);
  const saving = useRef<Promise<void> | null>(null);

  const save = useRef(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstPending.current = null;
    if (saving.current) await saving.current;
    const s = latest.current;
    if (s.revision === saved.current.revision && s.runtime === saved.current.runtime) return;
    const updatedAt = s.revision !== saved.current.revision ? Date.now() : saved.current.updatedAt;
    setStatus({ kind: 'saving' });
    saving.current = (async () => {
      try {
        await (await getNotebookStore()).putNotebook({ ...toStoredNotebook({ ...s.doc, updatedAt }, outputsOf(s)), ...fields.current });
        saved.current = { revision: s.revision, runtime: s.runtime, updatedAt };
        dispatch(A.saved({ revision: s.revision }));
        setStatus({ kind: 'saved', at: Date.now() });
      } catch (e) {
        setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      } finally {
        saving.current = null;
      }
    })();
    await saving.current;
  });

  useEffect(() => {
    if (state.revision === saved.current.revision && state.runtime === saved.current.runtime) return;
    const now = Date.now();
    firstPending.current ??= now;
    if (state.revision !== saved.current.revision) setStatus({ kind: 'pending' });
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstPending.current + MAX_WAIT_MS - now));
    timer.current = setTimeout(() => void save.current(), wait);
  }, [state.revision, state.runtime]);

  useEffect(() => {
    const flush = () => void save.current();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, []);

  return status;
}
