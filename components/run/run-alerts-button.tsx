'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { AlertsPanel } from '@/components/models/alerts-panel';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf } from '@/lib/track/sync-settings';
import type { Run } from '@/lib/track/schemas';

/** The run's alert rules on the sync server (e.g. train/loss is NaN, val/loss > 2), in a popover beside the other actions. */
export function RunAlertsButton({ run }: { run: Run }) {
  const conn = connectionOf(useSyncSettings());
  const [open, setOpen] = useState(false);
  const metrics = Object.keys(run.summary).sort();
  return (
    <div className="relative">
      <Button onClick={() => setOpen((o) => !o)} aria-expanded={open}>Alerts</Button>
      {open && (
        <div className="absolute right-0 z-20 mt-2 w-[min(32rem,90vw)] rounded-lg border border-zinc-200 bg-white p-3 shadow-lg" role="dialog" aria-label="Alert rules of this run">
          <AlertsPanel conn={conn} filter={{ runId: run.id }} metrics={metrics} targets={[{ kind: 'run', runId: run.id }]} />
        </div>
      )}
    </div>
  );
}
