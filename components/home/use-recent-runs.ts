'use client';

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useRuns } from '@/components/runs/use-runs';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { serverApi } from '@/lib/track/sync-api-client';
import { connectionOf } from '@/lib/track/sync-settings';
import { mergeRuns, type RunOrigin } from '@/lib/track/sync-merge';
import type { RunListItem } from '@/lib/track/run-list';

export type RecentRunsState =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; runs: RunListItem[]; origins: ReadonlyMap<string, RunOrigin>; serverAnswered: boolean };

/** While a server run is running (an MLflow client logging), the newest page is re-read this often. */
const SERVER_POLL_MS = 5000;

/**
 * The newest `limit` runs of this browser and the sync server. The server is asked for one page of
 * `limit` rows (newest first), never the whole list: the newest few of the union are among the
 * newest few of each side.
 */
export function useRecentRuns(limit: number): RecentRunsState {
  const { state: local } = useRuns();
  const settings = useSyncSettings();
  const server = useQuery({
    queryKey: ['runs', 'recent', settings.serverUrl, settings.token, limit],
    queryFn: () => serverApi.recentRuns(connectionOf(settings), limit),
    enabled: settings.enabled,
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'running') ? SERVER_POLL_MS : false),
  });
  const serverRuns = server.data;
  return useMemo((): RecentRunsState => {
    if (local.status !== 'ready') return local;
    const merged = mergeRuns(local.runs.slice(0, limit), serverRuns ?? []).slice(0, limit);
    return { status: 'ready', runs: merged.map((m) => m.run), origins: new Map(merged.map((m) => [m.run.id, m.origin])), serverAnswered: serverRuns !== undefined };
  }, [local, serverRuns, limit]);
}
