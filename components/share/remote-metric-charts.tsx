'use client';

import { useEffect, useMemo, useState } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { CHART_COLORS, type LineSeries } from '@/components/charts/align';
import { orderMetricKeys } from '@/components/run-detail/metric-order';
import { axisOfKey, chartTitle } from '@/components/notebook/live/chart-groups';
import type { StepAxes } from '@/lib/track/step-axis';
import type { RemoteRunSource } from './remote-run-source';

/** Points per chart: about one per pixel; the server keeps each bucket's min, max and last. */
const MAX_POINTS = 1_000;

/** `bucketWidth`: steps per drawn point, when the server downsampled the series. */
type ChartState = { key: string; series: LineSeries[]; bucketWidth?: number } | { key: string; error: string };

function ChartGrid({ charts, axes }: { charts: ChartState[]; axes?: StepAxes }) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {charts.map((c) =>
        'error' in c ? (
          <p key={c.key} role="alert" className="text-sm text-red-600">{c.key}: {c.error}</p>
        ) : (
          <figure key={c.key} data-testid="shared-chart">
            <LineChart title={chartTitle(c.key, axisOfKey(c.key, axes))} xLabel={axisOfKey(c.key, axes)} series={c.series} height={170} />
            {c.bucketWidth !== undefined && <figcaption className="mt-1 text-xs text-zinc-500">{c.bucketWidth} {axisOfKey(c.key, axes)}s per point</figcaption>}
          </figure>
        ),
      )}
    </div>
  );
}

/** One chart per metric of a remote run (downsampled server-side), ordered like a local run's page. */
export function RemoteMetricCharts({ source, keys, axes, refreshKey = 0 }: { source: RemoteRunSource; keys: string[]; /** What the run's steps count (env.stepAxes). */ axes?: StepAxes; /** Change to refetch (a running run). */ refreshKey?: number }) {
  const [charts, setCharts] = useState<ChartState[] | null>(null);
  const order = useMemo(() => orderMetricKeys(keys), [keys]);
  const keyList = [...order.results, ...order.system].join('\n'); // a new array with the same keys must not refetch
  useEffect(() => {
    let live = true;
    Promise.all(
      (keyList ? keyList.split('\n') : []).map(async (key): Promise<ChartState> => {
        try {
          const h = await source.history(key, MAX_POINTS);
          // The local run page's colours: validation in the second colour, everything else the first.
          const color = /^val(idation)?[/_.]/.test(key) ? CHART_COLORS[1] : CHART_COLORS[0];
          const series: LineSeries[] = [{ label: key, color, points: h.points.map((p) => ({ x: p.step, y: p.value })) }];
          if (h.downsampled) {
            // The band of each bucket, so a spike between two drawn points stays visible.
            series.push({ label: `${key} min`, color: '#a1a1aa', dashed: true, points: h.points.map((p) => ({ x: p.step, y: p.min ?? p.value })) });
            series.push({ label: `${key} max`, color: '#a1a1aa', dashed: true, points: h.points.map((p) => ({ x: p.step, y: p.max ?? p.value })) });
          }
          return { key, series, bucketWidth: h.downsampled ? h.bucketWidth : undefined };
        } catch (e) {
          return { key, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    ).then((list) => live && setCharts(list));
    return () => {
      live = false;
    };
  }, [source, keyList, refreshKey]);

  if (keys.length === 0) return <p className="text-zinc-500">No metrics were logged.</p>;
  if (!charts) return <p className="text-zinc-500">Loading charts…</p>;
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
