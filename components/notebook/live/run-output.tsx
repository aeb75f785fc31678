'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { getRunStore } from '@/lib/track/tab-stores';
import type { RunStatus } from '@/lib/track/schemas';
import type { StepAxes } from '@/lib/track/step-axis';
import { isSystemKey } from './chart-groups';
import { BoundaryCanvas } from './boundary-canvas';
import { LiveCharts, type SeriesByKey } from './live-charts';
import { SystemStats } from './system-stats';
import type { LiveRunStore } from '@/lib/runs/live-run-store';
import { TrainingProgress } from './training-progress';
import { useThrottledRun } from './use-throttled-run';

interface StoredView {
  status: RunStatus;
  reason: string | null;
  series: SeriesByKey;
  stepAxes?: StepAxes;
}

/** A run this page did not watch live (after a reload): its charts come from IndexedDB, once. */
function useStoredRun(runId: string, enabled: boolean): StoredView | null {
  const [view, setView] = useState<StoredView | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    (async () => {
      const store = await getRunStore();
      const [run, points] = await Promise.all([store.getRun(runId), store.getMetrics(runId)]);
      const series = new Map<string, { steps: number[]; values: number[] }>();
      for (const p of points) {
        if (!series.has(p.key)) series.set(p.key, { steps: [], values: [] });
        series.get(p.key)!.steps.push(p.step);
        series.get(p.key)!.values.push(p.value);
      }
      if (current && run) setView({ status: run.status, reason: run.statusReason, series, stepAxes: run.env.stepAxes });
    })().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [runId, enabled]);
  return view;
}

/** The live training view of one run under its cell: status, progress, charts, decision boundary. */
export function RunOutput({ runId, name, store }: { runId: string; name: string; store: LiveRunStore }) {
  const { run, version } = useThrottledRun(store, runId);
  const stored = useStoredRun(runId, run === undefined);
  const status = run?.status ?? stored?.status ?? null;
  const reason = run?.reason ?? stored?.reason ?? null;
  const series = run?.series ?? stored?.series ?? null;
  const stats = series ? [...series.keys()].filter(isSystemKey) : [];
  return (
    <section aria-label={`Run ${name}`} className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/runs/${encodeURIComponent(runId)}`} className="font-medium text-zinc-900 hover:text-accent-700 hover:underline">
          {name}
        </Link>
        {status && <RunStatusBadge status={status} reason={reason} />}
        {series && <SystemStats series={series} keys={stats} />}
        {reason && status !== 'running' && <span className="text-xs text-zinc-500">{reason}</span>}
      </div>
      {run?.progress && <TrainingProgress progress={run.progress} running={run.status === 'running'} />}
      {series && <LiveCharts series={series} axes={run ? run.stepAxes : stored?.stepAxes} version={run ? version : 0} extra={run?.boundary ? <BoundaryCanvas frame={run.boundary} size={200} /> : undefined} />}
    </section>
  );
}
