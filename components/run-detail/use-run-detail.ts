'use client';

import { useEffect, useState } from 'react';
import { onArtifactsChanged } from '@/lib/runs/artifact-events';
import { MetricSeriesReader } from '@/lib/runs/metric-series-reader';
import type { Artifact, MetricPoint, Run } from '@/lib/track/schemas';
import { getRunStore } from '@/lib/track/tab-stores';

export interface RunDetail {
  run: Run;
  /** Points grouped by metric key, each ordered by step. */
  metrics: Map<string, MetricPoint[]>;
  artifacts: Artifact[];
}

export type RunDetailState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; detail: RunDetail }
  | { status: 'error'; error: string };

/** A running run's page refreshes this often (metrics land in IndexedDB as they are logged). */
const POLL_MS = 2000;

/** Each refresh reads the run and its artifacts, and only the metric points logged since the last one. */
async function load(runId: string, reader: () => Promise<MetricSeriesReader>): Promise<RunDetail | null> {
  const store = await getRunStore();
  const run = await store.getRun(runId);
  if (!run) return null;
  const [metrics, artifacts] = await Promise.all([(await reader()).read(), store.listArtifacts(runId)]);
  return { run, metrics, artifacts };
}

export function useRunDetail(runId: string): RunDetailState {
  const [state, setState] = useState<RunDetailState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reader: Promise<MetricSeriesReader> | undefined;
    const readerOnce = () => (reader ??= getRunStore().then((store) => new MetricSeriesReader(store, runId)));
    const refresh = () =>
      load(runId, readerOnce).then(
        (detail) => {
          if (!current) return;
          setState(detail ? { status: 'ready', detail } : { status: 'missing' });
          if (detail?.run.status === 'running') timer = setTimeout(refresh, POLL_MS);
        },
        (e: unknown) => current && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
      );
    refresh();
    const unsubscribe = onArtifactsChanged(runId, () => void refresh());
    return () => {
      current = false;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [runId]);
  return state;
}
