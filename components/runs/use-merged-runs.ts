'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useServerRuns, type ServerRunsState } from '@/components/sync/use-server-runs';
import { useSyncStatus } from '@/components/sync/use-sync-status';
import { mergeRuns, type RunOrigin } from '@/lib/track/sync-merge';
import type { RunListItem } from '@/lib/track/run-list';
import { useRuns } from './use-runs';

export type MergedRunsState =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | {
      status: 'ready';
      /** This browser's runs and the sync server's, each once, newest first. */
      runs: RunListItem[];
      origins: ReadonlyMap<string, RunOrigin>;
      /** Runs stored in this browser (local or both). */
      localCount: number;
      /** The server's side: off, loading, ready or unreachable (then `runs` holds local runs only). */
      server: ServerRunsState;
    };

/** While a run that only the server has is running (an MLflow client logging), refetch this often. */
const SERVER_POLL_MS = 5000;

/**
 * The /runs list: local runs (IndexedDB, always) merged with the sync server's runs (other
 * browsers, MLflow clients). Local runs show at once; server runs join when the server answers.
 * The server list is refetched when this browser's outbox drains (local runs become "both").
 */
export function useMergedRuns(): { state: MergedRunsState; remove: (ids: string[]) => Promise<void> } {
  const { state: local, remove: removeLocal } = useRuns();
  const sync = useSyncStatus();
  const [serverKey, setServerKey] = useState(0);
  const server = useServerRuns({}, serverKey);

  const queuedBefore = useRef(sync.queued);
  useEffect(() => {
    if (queuedBefore.current > 0 && sync.queued === 0) setServerKey((k) => k + 1);
    queuedBefore.current = sync.queued;
  }, [sync.queued]);

  const state = useMemo((): MergedRunsState => {
    if (local.status !== 'ready') return local;
    const merged = mergeRuns(local.runs, server.status === 'ready' ? server.runs : []);
    return {
      status: 'ready',
      runs: merged.map((m) => m.run),
      origins: new Map(merged.map((m) => [m.run.id, m.origin])),
      localCount: local.runs.length,
      server,
    };
  }, [local, server]);

  const serverOnlyRunning = state.status === 'ready' && state.runs.some((r) => r.status === 'running' && state.origins.get(r.id) === 'server');
  useEffect(() => {
    if (!serverOnlyRunning) return;
    const timer = setInterval(() => setServerKey((k) => k + 1), SERVER_POLL_MS);
    return () => clearInterval(timer);
  }, [serverOnlyRunning]);

  return { state, remove: removeLocal };
}
