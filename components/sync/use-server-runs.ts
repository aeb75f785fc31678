'use client';

import { useEffect, useState } from 'react';
import { serverApi } from '@/lib/track/sync-api-client';
import type { RunListItem } from '@/lib/track/run-list';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf } from '@/lib/track/sync-settings';

export type ServerRunsState =
  | { status: 'off' }
  | { status: 'loading' }
  | { status: 'ready'; runs: RunListItem[] }
  | { status: 'error'; error: string };

/**
 * Runs on the configured server (made on other machines, or by MLflow clients), for merging with
 * local runs via `mergeRuns` (lib/track/sync-merge.ts). `reloadKey` refetches when it changes.
 */
export function useServerRuns(filter: { projectId?: string } = {}, reloadKey = 0): ServerRunsState {
  const settings = useSyncSettings();
  const [state, setState] = useState<ServerRunsState>({ status: 'loading' });
  const { projectId } = filter;

  useEffect(() => {
    if (!settings.enabled) {
      setState({ status: 'off' });
      return;
    }
    let live = true;
    serverApi.listRuns(connectionOf(settings), { projectId }).then(
      (runs) => live && setState({ status: 'ready', runs }),
      (e: unknown) => live && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [settings, projectId, reloadKey]);

  return state;
}
