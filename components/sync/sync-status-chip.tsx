'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { assertNever } from '@/lib/shared/assert-never';
import { useRunSyncState, type RunSyncState } from './use-run-sync-state';

function describe(s: RunSyncState): { tone: BadgeTone; label: string; title: string } {
  switch (s.kind) {
    case 'local-only':
      return { tone: 'neutral', label: 'Local only', title: 'Sync is off: this run lives in this browser only (see sync settings).' };
    case 'synced':
      return { tone: 'green', label: 'Synced', title: 'Everything of this run is on the server.' };
    case 'syncing':
      return { tone: 'blue', label: s.queued > 0 ? `Syncing · ${s.queued} queued` : 'Syncing', title: `${s.queued} batch(es) of this run wait in this browser's outbox.` };
    case 'offline':
      return { tone: 'amber', label: `Offline · ${s.queued} queued`, title: `The server is unreachable; retrying with backoff. ${s.detail ?? ''}`.trim() };
    case 'throttled':
      return { tone: 'amber', label: `Slowed down · ${s.queued} queued`, title: `The server limits how fast this browser may send; the rest follows as it allows. ${s.detail}` };
    case 'refused':
      return { tone: 'red', label: `Refused · ${s.queued} queued`, title: `The server refused this browser's credential (kept locally): ${s.detail}` };
    case 'error':
      return { tone: 'red', label: `Sync error · ${s.queued} queued`, title: `The server refused part of this run (kept locally, retried): ${s.detail}` };
    default:
      return assertNever(s, 'run sync state');
  }
}

/** Whether a run is local-only, syncing (n queued) or synced. Props: `runId`. */
export function SyncStatusChip({ runId }: { runId: string }) {
  const state = useRunSyncState(runId);
  const { tone, label, title } = describe(state);
  return (
    <span data-testid="sync-status" data-sync-state={state.kind}>
      <Badge tone={tone} dot title={title}>
        {label}
      </Badge>
    </span>
  );
}
