'use client';

import { useEffect, useMemo, useRef } from 'react';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { localRow, mergeRows } from '@/lib/runs/local-rows';
import { matchesFilter, parseRunFilter, parseRunSort } from '@/lib/track/run-filter';
import type { RunRow } from '@/lib/track/run-query';
import { runQueryApi } from '@/lib/track/run-query-client';
import { ApiError } from '@/lib/track/sync-api-client';
import { getSyncController } from '@/lib/track/sync-controller';
import { connectionOf } from '@/lib/track/sync-settings';
import type { RunOrigin } from '@/lib/track/sync-merge';
import { useRuns } from './use-runs';

export interface RunRowsQuery {
  /** Filter text (already valid: the filter box parses before it asks). */
  filter: string;
  sort: string;
  /** Deleted runs only (soft-deleted on the server; local runs are never in it). */
  deleted: boolean;
  /** Params and metrics the rows need (lib/runs/run-columns.ts requestedFields); undefined = all. */
  fields: string[] | undefined;
}

export interface RunRowsState {
  rows: RunRow[];
  /** Where each row lives (absent = the server only). */
  origins: ReadonlyMap<string, RunOrigin>;
  /** Matching runs in all: the server's total plus local runs it does not have yet; null until known. */
  total: number | null;
  /** False: the server estimated its part of `total` (more than RUN_QUERY_LIMITS.maxExactTotal match). */
  totalExact: boolean;
  loading: boolean;
  /** The server's answer failed: local rows are still shown. `unreachable`: no answer at all. */
  serverError: { message: string; unreachable: boolean } | null;
  serverOff: boolean;
  hasMore: boolean;
  fetchMore: () => void;
}

/** Rows per page: later pages load as the table scrolls near the end. */
export const PAGE_SIZE = 100;
/**
 * Rows of the first page: a tall screen's worth (the table shows ~25 at 900 px), so the first
 * paint parses and renders half as much; the next page follows as soon as the table scrolls.
 */
export const FIRST_PAGE_SIZE = 50;
/** How often the table asks the server whether anything changed (one tiny request). */
const LIVE_POLL_MS = 5000;

export const RUNS_QUERY_ROOT = ['runs'] as const;

export function serverFilter(q: Pick<RunRowsQuery, 'filter' | 'deleted'>): string {
  if (!q.deleted) return q.filter;
  return q.filter.trim() ? `deletedAt and (${q.filter})` : 'deletedAt';
}

/**
 * The runs table's data: the sync server's runs page by page (infinite query over the query
 * API's cursor) and this browser's runs the server does not have yet, merged in sort order.
 * Live: one small request every few seconds (newest change + total) refetches the loaded pages
 * only when the answer moved, instead of re-reading the whole list.
 */
export function useRunRows(q: RunRowsQuery): RunRowsState {
  const settings = useSyncSettings();
  const conn = useMemo(() => connectionOf(settings), [settings]);
  const filter = serverFilter(q);
  // A filter that does not parse is never sent (the filter box shows why).
  const filterParses = useMemo(() => parseRunFilter(q.filter).ok, [q.filter]);
  const server = useInfiniteQuery({
    queryKey: [...RUNS_QUERY_ROOT, 'query', conn.baseUrl, conn.token, filter, q.sort, q.deleted, q.fields],
    queryFn: ({ pageParam, signal }) =>
      runQueryApi.query(
        { ...conn, fetch: (input, init) => fetch(input, { ...init, signal }) },
        { filter, sort: q.sort, cursor: pageParam ?? undefined, limit: pageParam ? PAGE_SIZE : FIRST_PAGE_SIZE, includeDeleted: q.deleted, columns: q.fields },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: settings.enabled && filterParses,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  useLiveRefresh({ enabled: settings.enabled && filterParses && server.isSuccess, filter, deleted: q.deleted });

  const { state: local, reload: reloadLocal } = useRuns();
  useReloadWhenSynced(reloadLocal);

  const pages = server.data?.pages;
  const serverSettled = !settings.enabled || !filterParses || server.isError || (server.isSuccess && !server.isPlaceholderData);
  const merged = useMemo(() => {
    const localRuns = local.status === 'ready' ? local.runs : [];
    // Synced local runs come from the server (once); the rest only this browser knows.
    const onlyHere = settings.enabled && !server.isError ? localRuns.filter((r) => local.status === 'ready' && local.pending.has(r.id)) : localRuns;
    const parsed = parseRunFilter(q.filter);
    const sort = parseRunSort(q.sort);
    const localRows = q.deleted || !parsed.ok ? [] : onlyHere.map(localRow).filter((r) => matchesFilter(parsed.ast, r));
    const serverRows = pages?.flatMap((p) => p.rows) ?? [];
    const rows = mergeRows({ server: serverRows, serverHasMore: Boolean(server.hasNextPage), local: localRows, sort: sort.ok ? sort.keys : [] });
    const localIds = new Set(localRuns.map((r) => r.id));
    const serverIds = new Set(serverRows.map((r) => r.id));
    const origins = new Map<string, RunOrigin>();
    const onlyLocal = new Set(localRows.filter((r) => !serverIds.has(r.id)).map((r) => r.id));
    for (const r of rows) origins.set(r.id, onlyLocal.has(r.id) ? 'local' : localIds.has(r.id) ? 'both' : 'server');
    const serverTotal = pages?.[0]?.total;
    const localOnly = onlyLocal.size;
    const total = settings.enabled && !server.isError ? (serverTotal === undefined ? null : serverTotal + localOnly) : localRows.length;
    const totalExact = !settings.enabled || server.isError || (pages?.[0]?.totalExact ?? true);
    return { rows, origins, total, totalExact };
  }, [local, pages, server.isError, server.hasNextPage, settings.enabled, q.filter, q.sort, q.deleted]);

  return {
    ...merged,
    loading: local.status === 'loading' || !serverSettled,
    serverError: server.error ? { message: server.error.message, unreachable: server.error instanceof ApiError && server.error.status === 0 } : null,
    serverOff: !settings.enabled,
    hasMore: Boolean(server.hasNextPage),
    fetchMore: () => {
      if (server.hasNextPage && !server.isFetchingNextPage) void server.fetchNextPage();
    },
  };
}

/** Polls the newest change of the filtered runs; when it moves, the loaded pages are refetched. */
function useLiveRefresh({ enabled, filter, deleted }: { enabled: boolean; filter: string; deleted: boolean }) {
  const settings = useSyncSettings();
  const client = useQueryClient();
  const probe = useQuery({
    queryKey: ['runs-live', settings.serverUrl, settings.token, filter, deleted],
    queryFn: async () => {
      const page = await runQueryApi.query(connectionOf(settings), { filter, sort: '-updatedAt', limit: 1, includeDeleted: deleted, columns: [] });
      const newest = page.rows[0];
      return `${page.total}:${newest?.id ?? ''}:${newest?.updatedAt ?? 0}`;
    },
    enabled,
    refetchInterval: LIVE_POLL_MS,
    refetchIntervalInBackground: false,
  });
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (probe.data === undefined) return;
    if (seen.current !== undefined && seen.current !== probe.data) void client.invalidateQueries({ queryKey: RUNS_QUERY_ROOT });
    seen.current = probe.data;
  }, [probe.data, client]);
}

/**
 * When this browser's outbox drains, its runs moved to the server: re-read which are still local.
 * Subscribes to the sync controller directly: its status changes on every sync pass, and the
 * table must not re-render for those.
 */
function useReloadWhenSynced(reload: () => void) {
  const client = useQueryClient();
  useEffect(() => {
    const controller = getSyncController();
    let queuedBefore = controller.getStatus().queued;
    return controller.subscribe(() => {
      const queued = controller.getStatus().queued;
      if (queuedBefore > 0 && queued === 0) {
        reload();
        void client.invalidateQueries({ queryKey: RUNS_QUERY_ROOT });
      }
      queuedBefore = queued;
    });
  }, [reload, client]);
}
