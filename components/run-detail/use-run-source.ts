'use client';

import { useEffect } from 'react';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RunSource } from '@/lib/track/run-source/run-source';

/** Query keys of everything read through one run source (invalidated together). */
export const runQueryKey = (source: RunSource) => ['run-source', source.id] as const;

/**
 * The run as its source has it now, through the app's data layer (TanStack Query). A running run
 * is read again every `source.liveMs`; a failed refresh keeps the last answer on screen (`data`
 * with `isError`) and the next interval tries again. Same-tab changes (a new file) refresh at once.
 */
export function useRunSnapshot(source: RunSource) {
  const client = useQueryClient();
  useEffect(() => source.subscribe?.(() => void client.invalidateQueries({ queryKey: runQueryKey(source) })), [source, client]);
  return useQuery({
    queryKey: [...runQueryKey(source), 'snapshot'],
    queryFn: () => source.load(),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.run.status === 'running' ? source.liveMs : false),
  });
}

/**
 * Each metric's history, at most `maxPoints` points. `revisions` (a key's point count in the
 * snapshot) is part of the query key: a chart reads its history again exactly when the live
 * snapshot says new points arrived, and shows the previous line meanwhile.
 */
export function useRunHistories(source: RunSource, keys: readonly string[], revisions: ReadonlyMap<string, number>, maxPoints: number) {
  return useQueries({
    queries: keys.map((key) => ({
      queryKey: [...runQueryKey(source), 'history', key, maxPoints, revisions.get(key) ?? 0],
      queryFn: () => source.history(key, maxPoints),
      placeholderData: keepPreviousData,
      staleTime: Infinity,
    })),
  });
}
