'use client';

import { useEffect, useRef, useState } from 'react';
import { readCopyVersion, writeCopyVersion, type ClassCopyMeta } from '@/lib/classroom/class-copy';
import { ApiError, isClassEnded, studentApi } from '@/lib/classroom/student-client';
import { serializeNotebook } from '@/lib/notebook/format';
import type { NotebookState } from '@/lib/notebook/state';

export type CopySyncStatus =
  | { kind: 'synced' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The server holds a version this browser did not start from: nothing more is sent. */
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

/** Quiet time after the last edit before the copy goes to the server. */
const SYNC_DEBOUNCE_MS = 1_200;

/**
 * Sends a student's assignment copy to the server after edits (the teacher reads it there). Each
 * save names the server version it started from; a 409 means another tab or device saved since,
 * and the local text is kept as is, never replaced. Code only: outputs stay in this browser.
 */
export interface CopySync {
  status: CopySyncStatus;
  /** After a conflict: the student chose their text; it replaces the server's copy (at its current version). */
  keepMine: () => void;
}

export function useCopySync(state: NotebookState, copy: ClassCopyMeta | null): CopySync | null {
  const [status, setStatus] = useState<CopySyncStatus>({ kind: 'synced' });
  const latest = useRef(state);
  latest.current = state;
  const sentRevision = useRef(state.revision);
  const stopped = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sending = useRef<Promise<void> | null>(null);

  const push = useRef(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (sending.current) await sending.current;
    const s = latest.current;
    if (stopped.current || s.revision === sentRevision.current) return;
    const id = s.doc.id;
    setStatus({ kind: 'saving' });
    sending.current = (async () => {
      try {
        const version = readCopyVersion(id) ?? (await studentApi.notebook(id)).version;
        const saved = await studentApi.saveNotebook(id, { title: s.doc.title, content: serializeNotebook(s.doc), version });
        writeCopyVersion(id, saved.version);
        sentRevision.current = s.revision;
        setStatus(latest.current.revision === s.revision ? { kind: 'synced' } : { kind: 'pending' });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          stopped.current = true;
          setStatus({ kind: 'conflict', message: 'The server has a newer version of this copy (saved from another tab or device). Your text stays in this browser and is no longer sent.' });
        } else if (isClassEnded(err)) {
          stopped.current = true;
          setStatus({ kind: 'error', message: 'This class has ended: your copy is kept in this browser only.' });
        } else {
          setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
        }
      } finally {
        sending.current = null;
      }
    })();
    await sending.current;
  });

  const keepMine = useRef(() => {
    const id = latest.current.doc.id;
    void studentApi.notebook(id).then(
      (server) => {
        writeCopyVersion(id, server.version);
        stopped.current = false;
        sentRevision.current = -1; // send even if nothing changed since the refused save
        void push.current();
      },
      (err: unknown) => setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  });

  useEffect(() => {
    if (!copy || stopped.current || state.revision === sentRevision.current) return;
    setStatus({ kind: 'pending' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void push.current(), SYNC_DEBOUNCE_MS);
  }, [copy, state.revision]);

  useEffect(() => {
    if (!copy) return;
    const flush = () => void push.current();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [copy]);

  return copy ? { status, keepMine: keepMine.current } : null;
}
