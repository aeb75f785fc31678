'use client';

import { useCallback, useEffect, useState } from 'react';
import type { SweepRecord } from '@/lib/sweep/api';
import { LOCAL_SWEEP_STALE_MS } from '@/lib/sweep/local-record';
import { loadSweep } from './sweep-sources';

export type SweepLoad =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; error: string }
  | {
      status: 'ready';
      record: SweepRecord;
      /** A local sweep still `running` whose kernel stopped writing (its tab was closed). */
      abandoned: boolean;
      /** The last refresh failed (the view keeps the previous record). */
      refreshError: string | null;
    };

/** While a sweep runs, the page re-reads it this often (IndexedDB or the server). */
export const SWEEP_POLL_MS = 1_500;

export function useSweep(id: string): { load: SweepLoad; refresh: () => void } {
  const [load, setLoad] = useState<SweepLoad>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let current = true;
    loadSweep(id).then(
      (record) => {
        if (!current) return;
        if (!record) return setLoad({ status: 'missing' });
        const abandoned = record.origin === 'local' && record.status === 'running' && Date.now() - record.updatedAt > LOCAL_SWEEP_STALE_MS;
        setLoad({ status: 'ready', record, abandoned, refreshError: null });
      },
      (e: unknown) => {
        if (!current) return;
        const error = e instanceof Error ? e.message : String(e);
        setLoad((prev) => (prev.status === 'ready' ? { ...prev, refreshError: error } : { status: 'error', error }));
      },
    );
    return () => {
      current = false;
    };
  }, [id, tick]);

  const live = load.status === 'loading' || (load.status === 'ready' && load.record.status === 'running' && !load.abandoned) || (load.status === 'ready' && load.refreshError !== null);
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(refresh, SWEEP_POLL_MS);
    return () => clearTimeout(timer);
  }, [live, tick, refresh]);

  return { load, refresh };
}
