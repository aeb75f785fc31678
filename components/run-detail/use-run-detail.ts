'use client';

import { onArtifactsChanged } from '@/lib/runs/artifact-events';
import { useEffect, useState } from 'react';
import { getRunStore } from '@/lib/track/tab-stores';
import type { Artifact, MetricPoint, Run } from '@/lib/track/schemas';

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

async function load(runId: string): Promise<RunDetail | null> {
  const store = await getRunStore();
  const run = await store.getRun(runId);
  if (!run) return null;
  const [points, artifacts] = await Promise.all([store.getMetrics(runId), store.listArtifacts(runId)]);
  const metrics = new Map<string, MetricPoint[]>();
  for (const p of points) {
    if (!metrics.has(p.key)) metrics.set(p.key, []);
    metrics.get(p.key)!.push(p);
  }
  return { run, metrics, artifacts };
}

export function useRunDetail(runId: string): RunDetailState {
  const [state, setState] = useState<RunDetailState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () =>
      load(runId).then(
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
