'use client';

import Link from 'next/link';
import { SortIcon } from '@/components/ui/icons';
import { formatDateTime, formatDuration, formatMetric, formatValue } from '@/components/ui/format';
import type { RunListItem } from '@/lib/track/run-list';
import { RunOriginBadge } from './run-origin-badge';
import { RunStatusBadge } from './run-status-badge';
import { columnId, columnLabel, originOf, runDurationMs, type RunColumn, type RunOrigins, type RunSort } from '@/lib/runs/run-table-model';

export interface RunsTableProps {
  runs: RunListItem[];
  columns: RunColumn[];
  now: number;
  sort?: RunSort;
  onSort?: (columnId: string) => void;
  /** Where each run lives, for the Origin column. */
  origins?: RunOrigins;
  /** With selection, each row gets a checkbox (for delete). */
  selected?: ReadonlySet<string>;
  /** Rows that may be selected (default: all); the others get a disabled checkbox. */
  selectable?: (run: RunListItem) => boolean;
  onToggle?: (runId: string) => void;
  onToggleAll?: () => void;
  caption: string;
}

function Cell({ run, column, now, origins }: { run: RunListItem; column: RunColumn; now: number; origins?: RunOrigins }) {
  switch (column.kind) {
    case 'name':
      return (
        <Link href={`/runs/${encodeURIComponent(run.id)}`} className="font-medium text-zinc-900 hover:text-accent-700 hover:underline">
          {run.name || run.id}
        </Link>
      );
    case 'status':
      return <RunStatusBadge status={run.status} reason={run.statusReason} />;
    case 'origin':
      return <RunOriginBadge origin={originOf(run, origins)} />;
    case 'started':
      return <span className="text-zinc-600">{formatDateTime(run.createdAt)}</span>;
    case 'duration':
      return <span className="tabular-nums">{formatDuration(runDurationMs(run, now))}</span>;
    case 'backend':
      return <span className="font-mono text-xs">{run.backend}</span>;
    case 'config':
      return <span className="font-mono text-xs">{formatValue(run.params[column.key])}</span>;
    case 'metric':
      return <span className="font-mono text-xs tabular-nums">{formatMetric(run.summary[column.key]?.last)}</span>;
  }
}

export function RunsTable({ runs, columns, now, sort, onSort, origins, selected, selectable = () => true, onToggle, onToggleAll, caption }: RunsTableProps) {
  const selectableRuns = runs.filter(selectable);
  const allSelected = selected != null && selectableRuns.length > 0 && selectableRuns.every((r) => selected.has(r.id));
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
          <tr>
            {selected && (
              <th scope="col" className="w-8 px-3 py-2">
                <input type="checkbox" aria-label="Select all runs" checked={allSelected} disabled={selectableRuns.length === 0} onChange={onToggleAll} className="accent-accent-600" />
              </th>
            )}
            {columns.map((column) => {
              const id = columnId(column);
              const direction = sort?.columnId === id ? sort.direction : 'none';
              const numeric = column.kind === 'metric' || column.kind === 'duration';
              return (
                <th key={id} scope="col" aria-sort={onSort ? direction : undefined} className={`px-3 py-2 font-medium whitespace-nowrap ${numeric ? 'text-right' : ''}`}>
                  {onSort ? (
                    <button type="button" onClick={() => onSort(id)} className={`inline-flex items-center gap-1 hover:text-zinc-900 ${column.kind === 'config' || column.kind === 'metric' ? 'font-mono' : ''}`}>
                      {columnLabel(column)}
                      <SortIcon direction={direction} />
                    </button>
                  ) : (
                    columnLabel(column)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {runs.map((run) => (
            <tr key={run.id} className={`hover:bg-zinc-50 ${selected?.has(run.id) ? 'bg-accent-50/60' : ''}`}>
              {selected && (
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select run ${run.name || run.id}`}
                    checked={selected.has(run.id)}
                    disabled={!selectable(run)}
                    title={selectable(run) ? undefined : 'Only on the sync server: nothing to delete in this browser'}
                    onChange={() => onToggle?.(run.id)}
                    className="accent-accent-600"
                  />
                </td>
              )}
              {columns.map((column) => (
                <td key={columnId(column)} className={`px-3 py-2 whitespace-nowrap ${column.kind === 'metric' || column.kind === 'duration' ? 'text-right' : ''}`}>
                  <Cell run={run} column={column} now={now} origins={origins} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
