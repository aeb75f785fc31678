'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatDateTime, formatDuration } from '@/components/ui/format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { useNow } from '@/components/runs/use-runs';
import { runDurationMs } from '@/lib/runs/run-table-model';
import type { RunOrigin } from '@/lib/track/run-source/run-source';
import type { Run } from '@/lib/track/schemas';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

/** Where the page says the run came from (also the document title's middle part). */
export const ORIGIN_LABEL: Record<RunOrigin, string> = { local: 'Runs', server: 'Run on the sync server', share: 'Shared run' };

/** The line above the title: the way back to the runs list for the owner, "read-only" on a share link. */
function Kicker({ run, origin }: { run: Run; origin: RunOrigin }) {
  if (origin === 'share') return <>{ORIGIN_LABEL.share} · read-only · <span className="font-mono">{run.id}</span></>;
  return (
    <>
      <Link href="/runs" className="underline underline-offset-2 hover:text-zinc-900">Runs</Link> / <span className="font-mono">{run.id}</span>
      {origin === 'server' && <> · {ORIGIN_LABEL.server}</>}
    </>
  );
}

/** Title, status and the run's facts; `actions` is the mode's buttons (the owner's, or a viewer's). */
export function RunHeader({ run, origin, actions }: { run: Run; origin: RunOrigin; actions: ReactNode }) {
  // The running clock re-renders the header alone, not the charts.
  const now = useNow(2000);
  return (
    <header className="mb-8 space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs text-zinc-500"><Kicker run={run} origin={origin} /></p>
          <h1 className="mt-1 flex items-center gap-3 text-xl font-semibold tracking-tight text-zinc-900">
            <span className="truncate">{run.name || run.id}</span>
            <RunStatusBadge status={run.status} reason={run.statusReason} />
            {run.source === 'mlflow' && <Badge tone="accent">MLflow</Badge>}
          </h1>
          {run.statusReason && <p className="mt-1 text-sm text-zinc-600">{run.statusReason}</p>}
        </div>
        {actions}
      </div>
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-zinc-200 bg-white px-4 py-3 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label="Started">{formatDateTime(run.createdAt)}</Fact>
        <Fact label="Duration">{formatDuration(runDurationMs(run, now))}</Fact>
        <Fact label="Backend"><span className="font-mono">{run.env.backend}</span></Fact>
        <Fact label="Adapter"><span title={run.env.adapter ?? undefined}>{run.env.adapter ?? '—'}</span></Fact>
        <Fact label="Seed"><span className="font-mono">{run.env.seed ?? '—'}</span></Fact>
        <Fact label="Notebook">
          {/* The notebook lives in the browser that ran it. */}
          {origin === 'local' && run.notebookId ? <Link className="text-accent-600 hover:underline" href={`/notebooks/${encodeURIComponent(run.notebookId)}`}>Open</Link> : '—'}
        </Fact>
      </dl>
    </header>
  );
}
