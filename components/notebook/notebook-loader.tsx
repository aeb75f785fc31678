'use client';

import { useCallback, useEffect, useState } from 'react';
import { Alert, EmptyState, Spinner } from '@/components/ui/card';
import { fetchNotebookIntoBrowser } from '@/components/student/fetch-copy';
import { classCopyOf, type ClassCopyMeta } from '@/lib/classroom/class-copy';
import { getNotebookStore } from '@/lib/track/tab-stores';
import type { BackendChoice } from '@/lib/kernel/protocol';
import { fromStoredNotebook } from '@/lib/notebook/persist';
import { EMPTY_RUNTIME, initialNotebookState, type NotebookState } from '@/lib/notebook/state';
import { isBackendChoice, parseKernelUrlParams } from '@/lib/notebook/url-params';
import { NotebookEditor } from './notebook-editor';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; error: string }
  | { status: 'ready'; initial: NotebookState; backend: BackendChoice; params: Record<string, string | number>; classCopy: ClassCopyMeta | null };

const BACKEND_KEY = 'benchtop.backend';

/**
 * Reads the notebook from IndexedDB (or, when this browser has none with this id, from the server:
 * a student's assignment copy) and the kernel settings from the URL (`?backend=`, `?param.x=`).
 */
export function NotebookLoader({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    (async () => {
      const store = await getNotebookStore();
      const record = (await store.getNotebook(id)) ?? (await fetchNotebookIntoBrowser(store, id));
      if (!current) return;
      if (!record) return setLoaded({ status: 'missing' });
      const result = fromStoredNotebook(record);
      if (!result.ok) return setLoaded({ status: 'error', error: result.error });
      const runtime = Object.fromEntries(Object.entries(result.outputs).map(([cellId, outputs]) => [cellId, { ...EMPTY_RUNTIME, outputs }]));
      const url = parseKernelUrlParams(new URLSearchParams(window.location.search));
      const stored = window.localStorage.getItem(BACKEND_KEY);
      const backend = url.backend ?? (isBackendChoice(stored) ? stored : 'auto');
      setLoaded({ status: 'ready', initial: initialNotebookState(result.doc, runtime), backend, params: url.params, classCopy: classCopyOf(record) });
    })().catch((e: unknown) => current && setLoaded({ status: 'error', error: e instanceof Error ? e.message : String(e) }));
    return () => {
      current = false;
    };
  }, [id]);

  const changeBackend = useCallback((backend: BackendChoice) => {
    window.localStorage.setItem(BACKEND_KEY, backend);
    const url = new URL(window.location.href);
    if (backend === 'auto') url.searchParams.delete('backend');
    else url.searchParams.set('backend', backend);
    window.history.replaceState(window.history.state, '', url);
    setLoaded((l) => (l.status === 'ready' ? { ...l, backend } : l));
  }, []);

  if (loaded.status === 'loading') return <Spinner label="Opening notebook" />;
  if (loaded.status === 'missing') return <EmptyState title="Notebook not found">No notebook with id “{id}” is stored in this browser or on the server.</EmptyState>;
  if (loaded.status === 'error') return <Alert title="Could not open the notebook">{loaded.error}</Alert>;
  return <NotebookEditor key={id} initial={loaded.initial} backend={loaded.backend} onBackendChange={changeBackend} params={loaded.params} classCopy={loaded.classCopy} />;
}
