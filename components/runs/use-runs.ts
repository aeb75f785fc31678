'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRunStore } from '@/lib/track/tab-stores';
import { liveRuns } from '@/lib/runs/live-runs';
import { markCrashedRuns } from '@/lib/track/crashed-runs';
import { toRunListItem, type RunListItem } from '@/lib/track/run-list';

export interface LocalRuns {
  /** This browser's runs as list rows, newest first. */
  runs: RunListItem[];
  /** Runs with writes still waiting in the outbox: the sync server does not have them (fully) yet. */
  pending: ReadonlySet<string>;
}

export type RunsState = { status: 'loading' } | { status: 'ready'; runs: RunListItem[]; pending: ReadonlySet<string> } | { status: 'error'; error: string };

/** While any local run is running (maybe in another tab), the list re-reads IndexedDB this often. */
const POLL_MS = 3000;

export const LOCAL_RUNS_KEY = ['local-runs'] as const;

let crashedMarked = false;

async function readLocalRuns(): Promise<LocalRuns> {
  const store = await getRunStore();
  // Once per tab: dead runs are marked `crashed` (runs of kernels alive in this tab excepted),
  // so the list tells the truth after a tab died mid-training.
  if (!crashedMarked) {
    crashedMarked = true;
    await markCrashedRuns(store, { liveRunIds: liveRuns.ids() });
  }
  const runs = await store.listRuns();
  const counts = await Promise.all(runs.map((r) => store.outboxCount(r.id)));
  return { runs: runs.map(toRunListItem), pending: new Set(runs.filter((_, i) => counts[i] > 0).map((r) => r.id)) };
}

/**
 * This browser's runs (IndexedDB), through the app's query cache: the home page and /runs share
 * one read, and it re-reads only while one of them is running.
 */
export function useRuns(): { state: RunsState; reload: () => void; remove: (ids: string[]) => Promise<void> } {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: LOCAL_RUNS_KEY,
    queryFn: readLocalRuns,
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'running') ? POLL_MS : false),
  });
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: LOCAL_RUNS_KEY }), [client]);
  const remove = useCallback(
    async (ids: string[]) => {
      const store = await getRunStore();
      for (const id of ids) await store.deleteRun(id);
      reload();
    },
    [reload],
  );
  const { status, data, error } = query;
  const state = useMemo(
    (): RunsState =>
      status === 'success' ? { status: 'ready', runs: data.runs, pending: data.pending } : status === 'error' ? { status: 'error', error: error.message } : { status: 'loading' },
    [status, data, error],
  );
  return { state, reload, remove };
}

/** `Date.now()` refreshed every few seconds, for durations of running runs. */
export function useNow(intervalMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
