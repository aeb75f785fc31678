'use client';

import { useMemo } from 'react';
import { RemoteRunView } from '@/components/share/remote-run-view';
import { workspaceSource } from '@/components/share/remote-run-source';
import { ShareButton } from '@/components/share/share-button';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { RunMetaPanel } from '@/components/run-detail/run-meta-panel';
import { connectionOf } from '@/lib/track/sync-settings';

/**
 * A run that lives only on the sync server (another machine, an MLflow client): for /runs/[id]
 * when the run is not in this browser. Props: `runId`.
 */
export function ServerRunView({ runId }: { runId: string }) {
  const settings = useSyncSettings();
  const source = useMemo(() => workspaceSource(runId, connectionOf(settings)), [runId, settings]);
  return (
    <div className="space-y-10">
      <RemoteRunView
        source={source}
        label="Run on the sync server"
        actions={<ShareButton runId={runId} />}
        missing={{ title: 'Run not found', text: `No run with id “${runId}” is in this browser or on the sync server.` }}
      />
      <RunMetaPanel runId={runId} />
    </div>
  );
}
