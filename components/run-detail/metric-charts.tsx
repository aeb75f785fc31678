'use client';

import { useMemo } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { CHART_COLORS } from '@/components/charts/align';
import { isSystemKey } from '@/components/notebook/live/chart-groups';
import type { MetricPoint } from '@/lib/track/schemas';

/** Results first (validation beside training: `train/loss`, `val/loss`), then per-batch keys. */
function resultOrder(a: string, b: string): number {
  const batch = (k: string) => Number(/^batch[/_.]/.test(k));
  const base = (k: string) => k.replace(/^(train|val|validation|batch)[/_.]/, '');
  return batch(a) - batch(b) || Number(!/loss/.test(base(a))) - Number(!/loss/.test(base(b))) || base(a).localeCompare(base(b)) || a.localeCompare(b);
}

function ChartGrid({ keys, metrics }: { keys: string[]; metrics: Map<string, MetricPoint[]> }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {keys.map((key) => (
        <LineChart
          key={key}
          title={key}
          height={170}
          series={[{ label: key, color: /^val(idation)?[/_.]/.test(key) ? CHART_COLORS[1] : CHART_COLORS[0], x: metrics.get(key)!.map((p) => p.step), y: metrics.get(key)!.map((p) => p.value) }]}
        />
      ))}
    </div>
  );
}

/** One chart per metric key, step on x; system figures (throughput, memory, lr) in their own group. */
export function MetricCharts({ metrics }: { metrics: Map<string, MetricPoint[]> }) {
  const { results, system } = useMemo(() => {
    const keys = [...metrics.keys()];
    return { results: keys.filter((k) => !isSystemKey(k)).sort(resultOrder), system: keys.filter(isSystemKey).sort() };
  }, [metrics]);
  if (results.length + system.length === 0) return <p className="text-zinc-500">No metrics were logged.</p>;
  return (
    <div className="space-y-6">
      {results.length > 0 && <ChartGrid keys={results} metrics={metrics} />}
      {system.length > 0 && (
        <div className="space-y-3">
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">System</h3>
          <ChartGrid keys={system} metrics={metrics} />
        </div>
      )}
    </div>
  );
}
