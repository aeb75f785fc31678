'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader, Spinner } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TrashIcon } from '@/components/ui/icons';
import type { RunListItem } from '@/lib/track/run-list';
import { buildColumns, DEFAULT_SORT, filterRuns, nextSort, sortRuns, type RunSort } from '@/lib/runs/run-table-model';
import { RunsTable } from './runs-table';
import { ServerRunsNotice } from './server-runs-notice';
import { useMergedRuns, type MergedRunsState } from './use-merged-runs';
import { useNow } from './use-runs';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function subtitle(state: MergedRunsState): string {
  if (state.status !== 'ready') return 'This browser and the sync server';
  const { runs, localCount, server } = state;
  if (server.status !== 'ready') return `${plural(runs.length, 'run')} stored in this browser`;
  return `${plural(runs.length, 'run')} · ${localCount} in this browser · ${server.runs.length} on the sync server`;
}

export function RunsView() {
  const { state, remove } = useMergedRuns();
  const now = useNow();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<RunSort>(DEFAULT_SORT);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);

  const runs = useMemo(() => (state.status === 'ready' ? state.runs : []), [state]);
  const origins = state.status === 'ready' ? state.origins : undefined;
  // Origins are known only once the server answered (a run synced earlier is not "local" just because the server is down).
  const withOrigin = state.status === 'ready' && state.server.status === 'ready';
  const columns = useMemo(() => buildColumns(runs, { origin: withOrigin }), [runs, withOrigin]);
  const visible = useMemo(() => sortRuns(filterRuns(runs, query, origins), sort, now, origins), [runs, query, sort, now, origins]);
  // Delete removes a run from this browser: a run only the server has cannot be picked.
  const isLocal = (r: RunListItem) => origins?.get(r.id) !== 'server';
  const selectedVisible = visible.filter((r) => selected.has(r.id) && isLocal(r));
  const serverPending = state.status === 'ready' && state.server.status === 'loading';

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const toggleAll = () =>
    setSelected((s) => {
      const local = visible.filter(isLocal);
      return local.length > 0 && local.every((r) => s.has(r.id)) ? new Set() : new Set(local.map((r) => r.id));
    });

  const confirmDelete = async () => {
    const ids = selectedVisible.map((r) => r.id);
    setConfirming(false);
    setSelected(new Set());
    await remove(ids);
  };

  return (
    <>
      <PageHeader
        title="Runs"
        subtitle={subtitle(state)}
        actions={
          <Button variant="secondary" icon={<TrashIcon />} disabled={selectedVisible.length === 0} onClick={() => setConfirming(true)}>
            Delete{selectedVisible.length > 0 ? ` ${selectedVisible.length}` : ''}
          </Button>
        }
      />
      <div className="mb-4 flex items-center gap-3">
        <label className="relative block w-full max-w-md">
          <span className="sr-only">Filter runs</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Filter by name, status, backend or config (lr=0.01)"
            className="h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs placeholder:text-zinc-500 focus:border-accent-500 focus:outline-none"
          />
        </label>
        {query && state.status === 'ready' && (
          <span className="text-zinc-500">
            {visible.length} of {runs.length}
          </span>
        )}
      </div>
      {state.status === 'ready' && <ServerRunsNotice server={state.server} />}
      {state.status === 'loading' && <Spinner label="Loading runs" />}
      {state.status === 'error' && <Alert title="Could not read runs from this browser's storage">{state.error}</Alert>}
      {state.status === 'ready' && runs.length === 0 && !serverPending && (
        <EmptyState title="No runs yet">Open a notebook and train a model: every run shows up here.</EmptyState>
      )}
      {state.status === 'ready' && runs.length > 0 && visible.length === 0 && <EmptyState title="No run matches the filter" />}
      {visible.length > 0 && (
        <RunsTable
          caption="Runs"
          runs={visible}
          columns={columns}
          now={now}
          sort={sort}
          onSort={(id) => setSort((s) => nextSort(s, id))}
          origins={withOrigin ? origins : undefined}
          selected={selected}
          selectable={isLocal}
          onToggle={toggle}
          onToggleAll={toggleAll}
        />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${selectedVisible.length} run${selectedVisible.length === 1 ? '' : 's'}?`}
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      >
        Their metrics and checkpoints are removed from this browser. This cannot be undone. Copies already on the sync server stay there.
      </ConfirmDialog>
    </>
  );
}
