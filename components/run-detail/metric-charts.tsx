'use client';

import { useMemo } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { CHART_COLORS, type LineSeries } from '@/components/charts/align';
import type { MetricPoint } from '@/lib/track/schemas';

/** One chart per metric key, step on x, in a responsive grid (validation keys beside train keys). */
export function MetricCharts({ metrics }: { metrics: Map<string, MetricPoint[]> }) {
  const charts = useMemo(() => {
    const keys = [...metrics.keys()].sort((a, b) => a.replace(/^val_/, '').localeCompare(b.replace(/^val_/, '')) || a.localeCompare(b));
    return keys.map((key, i): { key: string; series: LineSeries[] } => ({
      key,
      series: [{ label: key, color: CHART_COLORS[key.startsWith('val_') ? 1 : 0] ?? CHART_COLORS[i % CHART_COLORS.length], points: metrics.get(key)!.map((p) => ({ x: p.step, y: p.value })) }],
    }));
  }, [metrics]);
  if (charts.length === 0) return <p className="text-zinc-500">No metrics were logged.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {charts.map((c) => (
        <LineChart key={c.key} title={c.key} series={c.series} height={170} />
      ))}
    </div>
  );
}
