'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { KernelClient } from '@/lib/kernel/client';
import { fallbackNotice } from '@/lib/kernel/fallback-notice';
import { createBrowserKernel } from '@/lib/worker/browser-kernel';
import type { BackendChoice, KernelEvent, KernelInfo } from '@/lib/kernel/protocol';
import type { BackendName } from '@/lib/track/schemas';

export type KernelPhase = 'starting' | 'ready' | 'restarting' | 'failed';

export interface KernelView {
  phase: KernelPhase;
  info: KernelInfo | null;
  /** Why the kernel failed to start, or the last kernel-level warning. */
  message: string | null;
  /** "wasm failed to start: …; using cpu" while the kernel runs on a fallback backend. */
  notice: string | null;
  /** The backend the starting kernel is trying now. */
  trying: BackendName | null;
}

export interface UseKernelOptions {
  notebookId: string;
  projectId: string;
  owner: string | null;
  backend: BackendChoice;
  params: Record<string, string | number>;
  /** Every event of the kernel, in order (kept in a ref: changing it does not restart anything). */
  onEvent: (event: KernelEvent) => void;
}

const STARTING: KernelView = { phase: 'starting', info: null, message: null, notice: null, trying: null };

/**
 * One kernel worker per open notebook and backend choice. Leaving the page stops a running cell
 * cooperatively first, so its run ends as `stopped` rather than `crashed`, then ends the worker.
 */
export function useKernel(options: UseKernelOptions): { kernel: KernelClient | null; view: KernelView; dismissMessage: () => void } {
  const { notebookId, projectId, owner, backend } = options;
  const latest = useRef(options);
  latest.current = options;
  const [kernel, setKernel] = useState<KernelClient | null>(null);
  const [view, setView] = useState<KernelView>(STARTING);

  useEffect(() => {
    const client = createBrowserKernel({ notebookId, projectId, owner, backend, params: latest.current.params });
    let alive = true;
    setKernel(client);
    setView(STARTING);
    const watchReady = () =>
      client.ready().then(
        (info) => alive && setView({ phase: 'ready', info, message: null, notice: fallbackNotice(info), trying: null }),
        (e: unknown) => alive && setView({ ...STARTING, phase: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    const unsubscribe = client.onEvent((event) => {
      if (event.type === 'restarted') {
        setView((v) => ({ ...v, phase: 'restarting', info: null }));
        void watchReady();
      } else if (event.type === 'backend-trying') {
        setView((v) => (v.phase === 'ready' ? v : { ...v, trying: event.backend }));
      } else if (event.type === 'log' && event.level !== 'info') {
        setView((v) => ({ ...v, message: event.message }));
      }
      latest.current.onEvent(event);
    });
    void watchReady();
    return () => {
      alive = false;
      unsubscribe();
      // Let a training run end as `stopped` (its data kept) before the worker goes away.
      void client.stop().finally(() => client.dispose());
    };
  }, [notebookId, projectId, owner, backend]);

  const dismissMessage = useCallback(() => setView((v) => (v.phase === 'failed' ? v : { ...v, message: null, notice: null })), []);
  return { kernel, view, dismissMessage };
}
