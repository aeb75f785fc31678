'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { Alert, EmptyState, PageHeader, Spinner } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import type { SweepSummary } from '@/lib/sweep/api';
import { listSweeps } from './sweep-sources';

const TONE = { running: 'blue', finished: 'green', stopped: 'amber' } as const;
const fmt = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const LIST_POLL_MS = 3_000;

/** /sweeps: this browser's local sweeps and the server's, newest first. */
export function SweepsListView() {
  const q = useQuery({ queryKey: ['sweeps'], queryFn: listSweeps, refetchInterval: LIST_POLL_MS, staleTime: 0, retry: false });
  const list = q.data ?? null;
  const error = q.error ? q.error.message : null;

  return (
    <div>
      <PageHeader title="Sweeps" subtitle="Hyperparameter sweeps run from sweep cells or bench.sweep(…), here or on the server." />
      {error && <Alert title="Sweeps could not be listed">{error}</Alert>}
      {list?.serverError && <p className="mb-3 text-xs text-amber-700">Server sweeps are not shown: {list.serverError}</p>}
      {!list && !error ? (
        <Spinner label="Loading sweeps" />
      ) : list && list.sweeps.length === 0 ? (
        <EmptyState title="No sweeps yet">Add a sweep cell to a notebook (or call bench.sweep) and run it.</EmptyState>
      ) : list ? (
        <SweepTable sweeps={list.sweeps} />
      ) : null}
    </div>
  );
}

function SweepTable({ sweeps }: { sweeps: SweepSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm" aria-label="Sweeps">
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
          <tr>
            {['Sweep', 'Where', 'Status', 'Method', 'Metric', 'Trials', 'Best', 'Updated'].map((h) => (
              <th key={h} className="px-3 py-2 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sweeps.map((s) => (
            <tr key={s.id} className="border-t border-zinc-100" data-sweep-id={s.id}>
              <td className="px-3 py-2">
                <Link href={`/sweeps/${encodeURIComponent(s.id)}`} className="font-medium text-accent-700 hover:underline">{s.name ?? s.id}</Link>
                {s.name && <div className="font-mono text-xs text-zinc-500">{s.id}</div>}
              </td>
              <td className="px-3 py-2 text-xs">{s.origin === 'server' ? 'server' : 'this browser'}</td>
              <td className="px-3 py-2"><Badge tone={TONE[s.status]} dot title={s.reason ?? undefined}>{s.status}</Badge></td>
              <td className="px-3 py-2 text-xs">{s.method}</td>
              <td className="px-3 py-2 font-mono text-xs">{s.metric ? `${s.metric.goal === 'maximize' ? '↑' : '↓'} ${s.metric.name}` : '—'}</td>
              <td className="px-3 py-2 text-xs tabular-nums" title={Object.entries(s.counts).map(([k, n]) => `${n} ${k}`).join(', ')}>{s.trials}</td>
              <td className="px-3 py-2 tabular-nums">{fmt(s.best)}</td>
              <td className="px-3 py-2 text-xs text-zinc-500">{new Date(s.updatedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
