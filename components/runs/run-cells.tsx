import Link from 'next/link';
import { formatDateTime, formatDuration, formatMetric, formatValue } from '@/components/ui/format';
import { runDurationMs } from '@/lib/runs/run-table-model';
import type { ColumnSpec } from '@/lib/runs/run-columns';
import type { RunRow } from '@/lib/track/run-query';
import type { RunOrigin } from '@/lib/track/sync-merge';
import { RunOriginBadge } from './run-origin-badge';
import { RunStatusBadge } from './run-status-badge';
import { useNow } from './use-runs';

/** Tags as chips: `key` when the value is empty (a label), else `key: value`. */
export function TagChips({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags).filter(([k]) => !k.startsWith('mlflow.'));
  if (entries.length === 0) return <span className="text-zinc-400">—</span>;
  return (
    <span className="flex gap-1 overflow-hidden">
      {entries.map(([k, v]) => (
        <span key={k} data-testid="run-tag" className="shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-700">
          {v ? `${k}: ${v}` : k}
        </span>
      ))}
    </span>
  );
}

/** One cell of the runs table; `origin` only for runs this browser holds (server-only rows show none). */
/** A running run's duration counts up on its own; a finished one never re-renders for the clock. */
function LiveDuration({ row }: { row: RunRow }) {
  const now = useNow();
  return <span className="tabular-nums">{formatDuration(runDurationMs(row, now))}</span>;
}

export function RunCell({ row, spec, origin }: { row: RunRow; spec: ColumnSpec; origin?: RunOrigin }) {
  switch (spec.kind) {
    case 'param':
      return <span className="font-mono text-xs">{formatValue(row.params[spec.key])}</span>;
    case 'metric':
      return <span className="font-mono text-xs tabular-nums">{formatMetric(row.metrics[spec.key]?.[spec.stat])}</span>;
    case 'tag':
      return <span className="font-mono text-xs">{row.tags[spec.key] ?? '—'}</span>;
    case 'base':
      break;
  }
  switch (spec.id) {
    case 'name':
      return (
        <span className="flex min-w-0 items-center gap-2">
          <Link
            href={`/runs/${encodeURIComponent(row.id)}`}
            className={`truncate font-medium hover:text-accent-700 hover:underline ${row.deletedAt ? 'text-zinc-500 line-through' : 'text-zinc-900'}`}
          >
            {row.name || row.id}
          </Link>
          {origin && origin !== 'server' && <RunOriginBadge origin={origin} />}
        </span>
      );
    case 'status':
      return <RunStatusBadge status={row.status} />;
    case 'createdAt':
      return <span className="text-zinc-600">{formatDateTime(row.createdAt)}</span>;
    case 'duration':
      return row.status === 'running' ? <LiveDuration row={row} /> : <span className="tabular-nums">{formatDuration(runDurationMs(row, row.updatedAt))}</span>;
    case 'owner':
      return <span>{row.owner ?? '—'}</span>;
    case 'backend':
      return <span className="font-mono text-xs">{row.backend ?? '—'}</span>;
    case 'tags':
      return <TagChips tags={row.tags} />;
    case 'sweepId':
      return <span className="font-mono text-xs">{row.sweepId ?? '—'}</span>;
  }
}

/** Pixels per column kind: fixed widths keep columns still while rows scroll in and out. */
export function columnWidth(spec: ColumnSpec): number {
  if (spec.kind !== 'base') return spec.kind === 'metric' ? 130 : 120;
  return { name: 260, status: 110, createdAt: 150, duration: 100, owner: 120, backend: 100, tags: 200, sweepId: 140 }[spec.id];
}

export const isNumericColumn = (spec: ColumnSpec) => spec.kind === 'metric' || (spec.kind === 'base' && spec.id === 'duration');
