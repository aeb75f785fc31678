'use client';

import { useQuery } from '@tanstack/react-query';
import type { CompareSource, LoadedRuns } from './compare-source';

export type CompareRunsState = { status: 'loading' } | { status: 'error'; error: string } | ({ status: 'ready' } & LoadedRuns);

/** The runs of a comparison, loaded once per source (cached by the data layer under its id). */
export function useCompareRuns(source: CompareSource): CompareRunsState {
  const q = useQuery({ queryKey: ['compare', source.id, 'runs'], queryFn: () => source.loadRuns(), staleTime: Infinity });
  if (q.data) return { status: 'ready', ...q.data };
  return q.isError ? { status: 'error', error: q.error.message } : { status: 'loading' };
}
