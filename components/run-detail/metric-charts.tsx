'use client';

import { useMemo } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { CHART_COLORS } from '@/components/charts/align';
import type { MetricPoint } from '@/lib/track/schemas';
import type { StepAxes } from '@/lib/track/step-axis';
import { axisOfKey, chartTitle } from '@/components/notebook/live/chart-groups';
import { orderMetricKeys } from './metric-order';

function ChartGrid({ keys, metrics, axes }: { keys: string[]; metrics: Map<string, MetricPoint[]>; axes?: StepAxes }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {keys.map((key) => (
        <LineChart
          key={key}
          title={chartTitle(key, axisOfKey(key, axes))}
          xLabel={axisOfKey(key, axes)}
          height={170}
          series={[{ label: key, color: /^val(idation)?[/_.]/.test(key) ? CHART_COLORS[1] : CHART_COLORS[0], x: metrics.get(key)!.map((p) => p.step), y: metrics.get(key)!.map((p) => p.value) }]}
        />
      ))}
    </div>
  );
}

/**
 * One chart per metric key, its steps on x named for what they count (the run's stepAxes);
 * system figures (throughput, memory, lr) in their own group.
 */
export function MetricCharts({ metrics, axes }: { metrics: Map<string, MetricPoint[]>; axes?: StepAxes }) {
  const { results, system } = useMemo(() => orderMetricKeys([...metrics.keys()]), [metrics]);
  if (results.length + system.length === 0) return <p className="text-zinc-500">No metrics were logged.</p>;
  return (
    <div className="space-y-6">
      {results.length > 0 && <ChartGrid keys={results} metrics={metrics} axes={axes} />}
      {system.length > 0 && (
        <div className="space-y-3">
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">System</h3>
          <ChartGrid keys={system} metrics={metrics} axes={axes} />
        </div>
      )}
    </div>
  );
}
