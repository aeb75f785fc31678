'use client';

import { useMemo } from 'react';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { onArtifactsChanged } from '@/lib/runs/artifact-events';
import { firstRunSource } from '@/lib/track/run-source/first-run-source';
import { localRunSource } from '@/lib/track/run-source/local-run-source';
import { serverRunSource } from '@/lib/track/run-source/server-run-source';
import { connectionOf } from '@/lib/track/sync-settings';
import { getRunStore } from '@/lib/track/tab-stores';
import { RunNotFound } from './run-not-found';
import { RunPage } from './run-page';

/**
 * /runs/[id]: the run from this browser's IndexedDB, else (sync on) from the sync server (logged
 * by an MLflow client, or synced from another browser), on the owner's full page.
 */
export function RunDetailView({ runId }: { runId: string }) {
  const settings = useSyncSettings();
  const source = useMemo(() => {
    const local = localRunSource({ runId, store: getRunStore, subscribe: onArtifactsChanged });
    return settings.enabled ? firstRunSource([local, serverRunSource(runId, connectionOf(settings))]) : local;
  }, [runId, settings]);
  return <RunPage source={source} mode="full" missing={<RunNotFound runId={runId} syncOn={settings.enabled} />} />;
}
