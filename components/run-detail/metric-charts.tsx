'use client';

import { useMemo } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { CHART_COLORS, type LineSeries } from '@/components/charts/align';
import { axisOfKey, chartTitle } from '@/components/notebook/live/chart-groups';
import type { MetricKeySummary, RunHistory, RunSource } from '@/lib/track/run-source/run-source';
import type { StepAxes } from '@/lib/track/step-axis';
import { orderMetricKeys } from './metric-order';
import { useRunHistories } from './use-run-source';

/** Points per chart: about one per pixel; beyond that each bucket keeps its min, max and last. */
const MAX_POINTS = 1_000;

/** The line, and when downsampled the band of each bucket (a spike between two drawn points stays visible). */
function seriesOf(key: string, h: RunHistory): LineSeries[] {
  // Validation in the second colour, everything else the first.
  const color = /^val(idation)?[/_.]/.test(key) ? CHART_COLORS[1] : CHART_COLORS[0];
  const series: LineSeries[] = [{ label: key, color, points: h.points.map((p) => ({ x: p.step, y: p.value })) }];
  if (h.downsampled) {
    series.push({ label: `${key} min`, color: '#a1a1aa', dashed: true, points: h.points.map((p) => ({ x: p.step, y: p.min ?? p.value })) });
    series.push({ label: `${key} max`, color: '#a1a1aa', dashed: true, points: h.points.map((p) => ({ x: p.step, y: p.max ?? p.value })) });
  }
  return series;
}

type Chart = { key: string; history?: RunHistory; error?: string };

function ChartGrid({ charts, axes }: { charts: Chart[]; axes?: StepAxes }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {charts.map(({ key, history, error }) =>
        error ? (
          <p key={key} role="alert" className="text-sm text-red-600">{key}: {error}</p>
        ) : !history ? (
          <p key={key} className="text-sm text-zinc-500">Loading {key}…</p>
        ) : (
          <figure key={key} data-testid="run-chart">
            <LineChart title={chartTitle(key, axisOfKey(key, axes))} xLabel={axisOfKey(key, axes)} series={seriesOf(key, history)} height={170} />
            {history.downsampled && <figcaption className="mt-1 text-xs text-zinc-500">{history.bucketWidth} {axisOfKey(key, axes)}s per point</figcaption>}
          </figure>
        ),
      )}
    </div>
  );
}

/**
 * One chart per metric, whatever the run's source: results first (validation beside training),
 * system figures (throughput, memory, lr) in their own group; x named for what the steps count.
 */
export function MetricCharts({ source, metricKeys, axes }: { source: RunSource; metricKeys: readonly MetricKeySummary[]; axes?: StepAxes }) {
  const order = useMemo(() => orderMetricKeys(metricKeys.map((k) => k.key)), [metricKeys]);
  const keys = useMemo(() => [...order.results, ...order.system], [order]);
  const revisions = useMemo(() => new Map(metricKeys.map((k) => [k.key, k.count])), [metricKeys]);
  const histories = useRunHistories(source, keys, revisions, MAX_POINTS);
  if (keys.length === 0) return <p className="text-zinc-500">No metrics were logged.</p>;
  const charts: Chart[] = keys.map((key, i) => ({ key, history: histories[i].data, error: histories[i].data ? undefined : histories[i].error?.message }));
  const system = new Set(order.system);
  const systemCharts = charts.filter((c) => system.has(c.key));
  return (
    <div className="space-y-6">
      <ChartGrid charts={charts.filter((c) => !system.has(c.key))} axes={axes} />
      {systemCharts.length > 0 && (
        <div className="space-y-3">
          <h3 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">System</h3>
          <ChartGrid charts={systemCharts} axes={axes} />
        </div>
      )}
    </div>
  );
}
