'use client';

import { useQuery } from '@tanstack/react-query';
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

/** The sweep with its abandoned flag, judged when it was read; null when there is no such sweep. */
async function readSweep(id: string): Promise<{ record: SweepRecord; abandoned: boolean } | null> {
  const record = await loadSweep(id);
  if (!record) return null;
  return { record, abandoned: record.origin === 'local' && record.status === 'running' && Date.now() - record.updatedAt > LOCAL_SWEEP_STALE_MS };
}

/** A sweep through the data layer: re-read while it runs, and while a refresh fails (the last record stays). */
export function useSweep(id: string): { load: SweepLoad; refresh: () => void } {
  const q = useQuery({
    queryKey: ['sweep', id],
    queryFn: () => readSweep(id),
    staleTime: 0,
    retry: false,
    refetchInterval: ({ state }) => ((state.data && state.data.record.status === 'running' && !state.data.abandoned) || (state.data && state.error) ? SWEEP_POLL_MS : false),
  });
  const refresh = () => void q.refetch();
  if (q.data === null) return { load: { status: 'missing' }, refresh };
  if (q.data) return { load: { status: 'ready', ...q.data, refreshError: q.error ? q.error.message : null }, refresh };
  return { load: q.isError ? { status: 'error', error: q.error.message } : { status: 'loading' }, refresh };
}
