'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRunStore } from '@/lib/track/tab-stores';
import { useSyncStatus } from './use-sync-status';

/** What the chip of one run says. */
export type RunSyncState =
  | { kind: 'local-only' }
  | { kind: 'synced' }
  | { kind: 'syncing'; queued: number }
  | { kind: 'offline'; queued: number; detail?: string }
  /** The server answered 429: this browser sends faster than its limit allows; retried as it allows. */
  | { kind: 'throttled'; queued: number; detail: string }
  /** The server answered 401/403: nothing is sent until the credential is fixed (token, class). */
  | { kind: 'refused'; queued: number; detail: string }
  | { kind: 'error'; queued: number; detail: string };

/** How often a run's queue is re-counted while something is queued (ms). */
const POLL_MS = 1_500;

/**
 * A run's sync state: its pending outbox entries (from IndexedDB, so it is right in every tab)
 * combined with the sync loop's state. "synced" means nothing of it waits in this browser.
 */
export function useRunSyncState(runId: string): RunSyncState {
  const status = useSyncStatus();
  // The loop's queue size is in the key: a batch sent or added re-counts at once.
  const count = useQuery({
    queryKey: ['outbox-count', runId, status.queued],
    queryFn: async () => (await getRunStore()).outboxCount(runId),
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
    refetchInterval: ({ state }) => ((state.data ?? 0) > 0 ? POLL_MS : POLL_MS * 4),
  });
  const queued = count.data ?? null;

  if (!status.enabled) return { kind: 'local-only' };
  if (queued === null) return { kind: 'syncing', queued: 0 };
  const held = status.heldRuns[runId];
  if (held) return { kind: 'error', queued, detail: held };
  if (queued === 0) return { kind: 'synced' };
  if (status.leader && status.lastError && status.lastHttpStatus === 429) return { kind: 'throttled', queued, detail: status.lastError };
  if (status.leader && status.lastError && (status.lastHttpStatus === 401 || status.lastHttpStatus === 403)) return { kind: 'refused', queued, detail: status.lastError };
  if (status.leader && status.state === 'offline') return { kind: 'offline', queued, detail: status.lastError };
  return { kind: 'syncing', queued };
}
