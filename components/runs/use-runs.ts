'use client';

import { useCallback, useEffect, useState } from 'react';
import { getRunStore } from '@/lib/track/tab-stores';
import { liveRuns } from '@/lib/runs/live-runs';
import { markCrashedRuns } from '@/lib/track/crashed-runs';
import type { Run } from '@/lib/track/schemas';

export type RunsState = { status: 'loading' } | { status: 'ready'; runs: Run[] } | { status: 'error'; error: string };

/** While any run is running (maybe in another tab), the list refreshes this often. */
const POLL_MS = 3000;

/**
 * All local runs, newest first. Dead runs are marked `crashed` once on load (runs of kernels alive
 * in this tab excepted), so the list tells the truth after a tab died mid-training.
 */
export function useRuns(): { state: RunsState; reload: () => void; remove: (ids: string[]) => Promise<void> } {
  const [state, setState] = useState<RunsState>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let current = true;
    (async () => {
      const store = await getRunStore();
      if (tick === 0) await markCrashedRuns(store, { liveRunIds: liveRuns.ids() });
      return store.listRuns();
    })().then(
      (runs) => current && setState({ status: 'ready', runs }),
      (e: unknown) => current && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [tick]);

  const anyRunning = state.status === 'ready' && state.runs.some((r) => r.status === 'running');
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [anyRunning, reload]);

  const remove = useCallback(
    async (ids: string[]) => {
      const store = await getRunStore();
      for (const id of ids) await store.deleteRun(id);
      reload();
    },
    [reload],
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
