'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { Alert, EmptyState, Spinner } from '@/components/ui/card';
import { formatMetric } from '@/components/ui/format';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { parseColumn } from '@/lib/runs/run-columns';
import { groupFilter } from '@/lib/runs/run-groups';
import type { RunView } from '@/lib/runs/run-view';
import { RUN_QUERY_LIMITS, type RunGroup } from '@/lib/track/run-query';
import { runQueryApi } from '@/lib/track/run-query-client';
import { connectionOf } from '@/lib/track/sync-settings';
import { RunsGrid } from './runs-grid';
import { RUNS_QUERY_ROOT, serverFilter, useRunRows } from './use-run-rows';

/** Groups listed at most (a param with a value per run makes one group per run). */
const MAX_GROUPS = 500;

interface GroupsProps {
  view: RunView;
  by: string;
  columns: string[];
  fields: string[] | undefined;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  onSort: (sort: string) => void;
}

/** Metric keys whose `last` is a visible column: the groups show their mean / min / max. */
function groupMetricKeys(columns: string[]): string[] {
  const keys = new Set<string>();
  for (const id of columns) {
    const spec = parseColumn(id);
    if (spec?.kind === 'metric') keys.add(spec.key);
  }
  return [...keys].slice(0, 20);
}

/**
 * Runs grouped by a param or tag: one row per group with its run count and, for each visible
 * metric, the mean / min / max of the runs' last values (computed by the server over every run,
 * not only loaded ones). A group expands into its runs, paged like the flat table.
 */
export function RunGroupsView(props: GroupsProps) {
  const settings = useSyncSettings();
  const metrics = groupMetricKeys(props.columns);
  const filter = serverFilter(props.view);
  const groups = useQuery({
    queryKey: [...RUNS_QUERY_ROOT, 'groups', settings.serverUrl, settings.token, props.by, filter, metrics, props.view.deleted],
    queryFn: () => runQueryApi.groups(connectionOf(settings), { by: props.by, filter, metrics, includeDeleted: props.view.deleted }),
    enabled: settings.enabled,
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (!settings.enabled) return <Alert tone="amber" title="Grouping needs the sync server">Turn sync on in Settings: groups are computed over every run on the server.</Alert>;
  if (groups.isPending) return <Spinner label="Grouping runs" />;
  if (groups.isError) return <Alert title="Could not group the runs">{groups.error.message}</Alert>;
  if (groups.data.groups.length === 0) return <EmptyState title="No run matches the filter" />;
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const shown = groups.data.groups.slice(0, MAX_GROUPS);
  const { sampled } = groups.data;
  return (
    <div className="space-y-2" data-testid="run-groups">
      {sampled && (
        <p className="text-sm text-zinc-500" data-testid="groups-sampled">
          Over {RUN_QUERY_LIMITS.maxGroupRuns.toLocaleString('en')} runs match: groups are computed over a fixed sample of {(sampled * 100).toFixed(1)} % of the runs (counts estimated).
        </p>
      )}
      {shown.map((group) => {
        const id = `${group.missing ? '∅' : ''}${group.key}`;
        const expanded = open.has(id);
        return (
          <section key={id} className="rounded-lg border border-zinc-200 bg-white" data-testid="run-group" data-group={group.key}>
            <h3>
              <button
                type="button"
                aria-expanded={expanded}
                onClick={() => toggle(id)}
                className="flex w-full flex-wrap items-center gap-x-6 gap-y-1 px-3 py-2 text-left text-sm hover:bg-zinc-50"
              >
                <span className="font-mono font-medium text-zinc-900">
                  {expanded ? '▾' : '▸'} {props.by} = {group.missing ? <em className="text-zinc-500">(not set)</em> : group.key || '""'}
                </span>
                <span className="text-zinc-600" data-testid="group-count">
                  {sampled ? '≈ ' : ''}
                  {group.count} run{group.count === 1 ? '' : 's'}
                </span>
                <GroupStats group={group} />
              </button>
            </h3>
            {expanded && <GroupRuns {...props} group={group} />}
          </section>
        );
      })}
      {groups.data.groups.length > MAX_GROUPS && <p className="text-sm text-zinc-500">{groups.data.groups.length - MAX_GROUPS} more groups: narrow the filter to see them.</p>}
    </div>
  );
}

function GroupStats({ group }: { group: RunGroup }) {
  return (
    <>
      {Object.entries(group.metrics).map(([key, m]) => (
        <span key={key} className="font-mono text-xs text-zinc-600">
          {key}: mean {formatMetric(m.mean)} · min {formatMetric(m.min)} · max {formatMetric(m.max)}
        </span>
      ))}
    </>
  );
}

function GroupRuns(props: GroupsProps & { group: RunGroup }) {
  const filter = groupFilter(props.view.filter, props.by, props.group);
  const data = useRunRows({ filter, sort: props.view.sort, deleted: props.view.deleted, fields: props.fields });
  return (
    <div className="border-t border-zinc-200 p-2">
      <RunsGrid
        caption={`Runs with ${props.by} = ${props.group.key}`}
        rows={data.rows}
        columns={props.columns}
        sort={props.view.sort}
        onSort={props.onSort}
        origins={data.origins}
        selection={props.selection}
        onSelectionChange={props.onSelectionChange}
        total={data.total}
        hasMore={data.hasMore}
        fetchMore={data.fetchMore}
        heightPx={Math.min(400, 40 + 37 * Math.max(1, data.rows.length))}
      />
    </div>
  );
}
