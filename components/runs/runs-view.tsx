'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { EmptyState, PageHeader, Spinner } from '@/components/ui/card';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { defaultColumns, paramColumn, requestedFields, tagColumn } from '@/lib/runs/run-columns';
import { viewFromSearch, viewToSearch, type RunView } from '@/lib/runs/run-view';
import { runQueryApi } from '@/lib/track/run-query-client';
import { connectionOf } from '@/lib/track/sync-settings';
import { BulkActions } from './bulk-actions';
import { ColumnChooser } from './column-chooser';
import { ExportButtons } from './export-buttons';
import { FilterBox } from './filter-box';
import { RunGroupsView } from './run-groups-view';
import { RunsGrid } from './runs-grid';
import { RUNS_QUERY_ROOT, serverFilter, useRunRows } from './use-run-rows';

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/**
 * The view lives in the URL (shareable); history.replaceState updates it without a server round
 * trip. A copy in state changes at once (a checkbox or select shows its new value in the same
 * frame, not when the router has caught up), and follows the URL when it changes from outside.
 */
function useView(): [RunView, (change: Partial<RunView>) => void] {
  const search = useSearchParams().toString();
  const [view, setLocal] = useState(() => viewFromSearch(new URLSearchParams(search)));
  useEffect(() => {
    setLocal((current) => (viewToSearch(current).toString() === search ? current : viewFromSearch(new URLSearchParams(search))));
  }, [search]);
  // Merged into the URL as it is now, not as it was at the last render: a filter the box sends
  // after its pause must not undo a grouping chosen meanwhile.
  const setView = useCallback((change: Partial<RunView>) => {
    const next = { ...viewFromSearch(new URLSearchParams(window.location.search)), ...change };
    setLocal(next);
    const q = viewToSearch(next).toString();
    window.history.replaceState(null, '', q ? `?${q}` : window.location.pathname);
  }, []);
  return [view, setView];
}

export function RunsView() {
  const [view, setView] = useView();
  const settings = useSyncSettings();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const available = useQuery({
    queryKey: [...RUNS_QUERY_ROOT, 'columns', settings.serverUrl, settings.token],
    queryFn: () => runQueryApi.columns(connectionOf(settings)),
    enabled: settings.enabled,
  });
  // The name column is always there and first (it is pinned at the left edge).
  const columns = useMemo(() => ['name', ...(view.columns ?? defaultColumns(available.data)).filter((c) => c !== 'name')], [view.columns, available.data]);
  // Chosen columns: the rows carry those params and metrics only. The default view asks for every
  // param and metric at once rather than waiting for /runs/columns before the first page.
  const fields = useMemo(() => (view.columns ? requestedFields(columns) : undefined), [view.columns, columns]);
  const flat = useRunRows({ filter: view.filter, sort: view.sort, deleted: view.deleted, fields });
  const selectedIds = useMemo(() => Object.keys(selection).filter((id) => selection[id]), [selection]);

  const groupOptions = [...(available.data?.params ?? []).map(paramColumn), ...(available.data?.tags ?? []).map(tagColumn)];
  const subtitle = flat.serverOff
    ? 'This browser only: sync is off'
    : flat.total === null
      ? 'This browser and the sync server'
      : `${flat.totalExact ? '' : '≈ '}${plural(flat.total, 'run')}${view.filter ? ' match' : ''}${view.deleted ? ' deleted (restorable for 30 days)' : ''}`;

  return (
    <>
      <PageHeader title="Runs" subtitle={<span data-testid="runs-total">{subtitle}</span>} actions={<ExportButtons filter={serverFilter(view)} sort={view.sort} includeDeleted={view.deleted} columns={fields} />} />
      <div className="mb-3 flex flex-wrap items-start gap-3">
        <FilterBox value={view.filter} onChange={(filter) => setView({ filter })} />
        <label className="flex h-9 items-center gap-2 text-sm text-zinc-600">
          Group by
          <select
            value={view.groupBy ?? ''}
            onChange={(e) => setView({ groupBy: e.target.value || null })}
            className="h-9 max-w-48 rounded-md border border-zinc-300 bg-white px-2 font-mono text-xs"
          >
            <option value="">(none)</option>
            {view.groupBy && !groupOptions.includes(view.groupBy) && <option value={view.groupBy}>{view.groupBy}</option>}
            {groupOptions.map((id) => (
              <option key={id} value={id}>{id}</option>
            ))}
          </select>
        </label>
        <label className="flex h-9 items-center gap-2 text-sm text-zinc-600">
          <input type="checkbox" checked={view.deleted} onChange={(e) => { setSelection({}); setView({ deleted: e.target.checked }); }} className="accent-accent-600" />
          Deleted
        </label>
        <ColumnChooser available={available.data} columns={columns} onChange={(next) => setView({ columns: next })} />
      </div>
      <div className="mb-3">
        <BulkActions ids={selectedIds} origins={flat.origins} deletedView={view.deleted} onDone={() => setSelection({})} />
      </div>
      {flat.serverError && (
        <p role="status" data-testid="server-runs-notice" data-state="error" title={flat.serverError.message} className="mb-3 text-xs text-zinc-500">
          {flat.serverError.unreachable ? 'The sync server cannot be reached' : `The sync server refused the query (${flat.serverError.message})`}: showing runs stored in this browser only.
        </p>
      )}
      {view.groupBy ? (
        <RunGroupsView view={view} by={view.groupBy} columns={columns} fields={fields} selection={selection} onSelectionChange={setSelection} onSort={(sort) => setView({ sort })} />
      ) : flat.rows.length > 0 ? (
        <RunsGrid
          caption="Runs"
          rows={flat.rows}
          columns={columns}
          sort={view.sort}
          onSort={(sort) => setView({ sort })}
          origins={flat.origins}
          selection={selection}
          onSelectionChange={setSelection}
          total={flat.total}
          hasMore={flat.hasMore}
          fetchMore={flat.fetchMore}
        />
      ) : flat.loading ? (
        <Spinner label="Loading runs" />
      ) : view.filter || view.deleted ? (
        <EmptyState title={view.deleted ? 'No deleted run matches' : 'No run matches the filter'} />
      ) : (
        <EmptyState title="No runs yet">Open a notebook and train a model: every run shows up here.</EmptyState>
      )}
    </>
  );
}
