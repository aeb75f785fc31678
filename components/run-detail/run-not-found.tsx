import Link from 'next/link';
import { EmptyState } from '@/components/ui/card';

/** /runs/[id] of a run that is neither in this browser nor (when sync is on) on the sync server. */
export function RunNotFound({ runId, syncOn }: { runId: string; syncOn: boolean }) {
  if (syncOn) return <EmptyState title="Run not found">No run with id “{runId}” is in this browser or on the sync server.</EmptyState>;
  return (
    <EmptyState title="Run not found">
      No run with id “{runId}” is stored in this browser, and sync is off, so the server was not asked.{' '}
      <Link href="/settings" className="text-accent-600 underline underline-offset-2">Sync settings</Link>
    </EmptyState>
  );
}
