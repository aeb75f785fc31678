'use client';

import Link from 'next/link';
import { EmptyState } from '@/components/ui/card';
import { ServerRunView } from '@/components/sync/server-run-view';
import { useSyncSettings } from '@/components/sync/use-sync-settings';

/**
 * /runs/[id] for a run this browser does not hold (logged by an MLflow client, or synced from
 * another browser): read it from the sync server, or say why it cannot be found.
 */
export function RunNotInBrowser({ runId }: { runId: string }) {
  const settings = useSyncSettings();
  if (settings.enabled) return <ServerRunView runId={runId} />;
  return (
    <EmptyState title="Run not found">
      No run with id “{runId}” is stored in this browser, and sync is off, so the server was not asked.{' '}
      <Link href="/settings" className="text-accent-600 underline underline-offset-2">Sync settings</Link>
    </EmptyState>
  );
}
