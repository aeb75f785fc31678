'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { formatMetric } from '@/components/ui/format';
import { getRunStore } from '@/components/store/stores';
import type { RunStatus } from '@/lib/track/schemas';
import { isSystemKey } from './chart-groups';
import { BoundaryCanvas } from './boundary-canvas';
import { LiveCharts, type SeriesByKey } from './live-charts';
import type { LiveRunStore } from './live-run-store';
import { TrainingProgress } from './training-progress';
import { useThrottledRun } from './use-throttled-run';

interface StoredView {
  status: RunStatus;
  reason: string | null;
  series: SeriesByKey;
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
      if (current && run) setView({ status: run.status, reason: run.statusReason, series });
    })().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [runId, enabled]);
  return view;
}

function lastValue(series: SeriesByKey, key: string): number | undefined {
  const s = series.get(key);
  return s && s.values.length > 0 ? s.values[s.values.length - 1] : undefined;
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
        {series &&
          stats.map((key) => (
            <span key={key} className="font-mono text-xs text-zinc-500">
              {key} {formatMetric(lastValue(series, key))}
            </span>
          ))}
        {reason && status !== 'running' && <span className="text-xs text-zinc-500">{reason}</span>}
      </div>
      {run?.progress && <TrainingProgress progress={run.progress} running={run.status === 'running'} />}
      <div className="flex flex-col gap-3 lg:flex-row">
        {series && <LiveCharts series={series} version={run ? version : 0} />}
        {run?.boundary && <BoundaryCanvas frame={run.boundary} />}
      </div>
    </section>
  );
}
