'use client';

import { useMemo } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import type { BestSoFarPoint } from '@/lib/sweep/analysis';

/** Each trial's result by trial number, and the best so far (the sweep's progress). */
export function BestSoFarChart({ points, metricName }: { points: BestSoFarPoint[]; metricName: string }) {
  const series = useMemo(
    () => [
      { label: 'trial result', color: '#a1a1aa', points: points.map((p) => ({ x: p.index + 1, y: p.metric })) },
      { label: 'best so far', color: '#4f46e5', points: points.map((p) => ({ x: p.index + 1, y: p.best })) },
    ],
    [points],
  );
  if (points.length === 0) return <p data-testid="best-so-far" className="rounded-lg border border-zinc-200 bg-white p-3 text-xs text-zinc-500">No trial has a result yet.</p>;
  return (
    <div data-testid="best-so-far">
      <LineChart title={`best ${metricName} so far`} series={series} xLabel="trial" height={200} />
    </div>
  );
}
