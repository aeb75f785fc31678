'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { Section, EmptyState, Spinner, Alert } from '@/components/ui/card';
import { RunsTable } from '@/components/runs/runs-table';
import { pickMetricKeys, type RunColumn } from '@/lib/runs/run-table-model';
import { useNow } from '@/components/runs/use-runs';
import { useRecentRuns } from './use-recent-runs';

const RECENT = 6;

/** The newest runs, this browser's and the sync server's (other machines, MLflow clients). */
export function RecentRuns() {
  const state = useRecentRuns(RECENT);
  const serverAnswered = state.status === 'ready' && state.serverAnswered;
  const now = useNow();
  const runs = useMemo(() => (state.status === 'ready' ? state.runs : []), [state]);
  const columns = useMemo<RunColumn[]>(
    () => [
      { kind: 'name' },
      { kind: 'status' },
      ...(serverAnswered ? [{ kind: 'origin' } as const] : []),
      { kind: 'started' },
      { kind: 'duration' },
      { kind: 'backend' },
      ...pickMetricKeys(runs, 2).map((key): RunColumn => ({ kind: 'metric', key })),
    ],
    [runs, serverAnswered],
  );
  return (
    <Section
      id="recent-runs"
      title="Recent runs"
      actions={
        <Link href="/runs" className="text-sm text-accent-600 hover:underline">
          All runs →
        </Link>
      }
    >
      {state.status === 'loading' && <Spinner label="Loading runs" />}
      {state.status === 'error' && <Alert title="Could not read runs">{state.error}</Alert>}
      {state.status === 'ready' && runs.length === 0 && <EmptyState title="No runs yet">Train a model in a notebook and it appears here.</EmptyState>}
      {runs.length > 0 && <RunsTable caption="Recent runs" runs={runs} columns={columns} now={now} origins={state.status === 'ready' ? state.origins : undefined} />}
    </Section>
  );
}
