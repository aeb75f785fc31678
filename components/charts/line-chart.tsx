'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { alignSeries, type LineSeries } from './align';
import { loadUplot } from './uplot-loader';
import { AXIS_LOOK, CHART_FONT, INTEGER_STEPS, Y_AXIS } from './axis-style';

export interface LineChartProps {
  title: string;
  series: LineSeries[];
  xLabel?: string;
  height?: number;
  /** Log-scale y (losses spanning decades). */
  logY?: boolean;
}

/**
 * A uPlot line chart. The chart is built once per set of series (labels/colours) and later data
 * goes through `setData`, which is cheap; callers throttle how often they pass new series.
 */
export function LineChart({ title, series, xLabel = 'step', height = 180, logY = false }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const shape = series.map((s) => `${s.label}|${s.color}|${s.dashed ? 1 : 0}`).join(',');
  const data = useMemo(() => alignSeries(series), [series]);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    loadUplot().then(
      (UPlot) => {
        const el = box.current;
        if (disposed || !el) return;
        const opts: uPlot.Options = {
          width: Math.max(200, el.clientWidth),
          height,
          legend: { show: true, live: true },
          padding: [8, 8, 0, 0],
          cursor: { drag: { x: true, y: false } },
          scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
          axes: [{ ...AXIS_LOOK, label: xLabel, labelSize: 18, size: 32, incrs: INTEGER_STEPS, labelFont: CHART_FONT }, Y_AXIS],
          series: [
            { label: xLabel },
            ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dashed ? [5, 4] : undefined, points: { size: 5 }, spanGaps: false })),
          ],
        };
        chart.current = new UPlot(opts, [latest.current.x, ...latest.current.ys] as unknown as uPlot.AlignedData, el);
        observer = new ResizeObserver(() => chart.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
        observer.observe(el);
      },
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is rebuilt only when its series change shape; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, logY, xLabel]);

  useEffect(() => {
    chart.current?.setData([data.x, ...data.ys] as unknown as uPlot.AlignedData);
  }, [data]);

  return (
    <figure className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-1 font-mono text-xs font-medium text-zinc-700">{title}</figcaption>
      {failed ? <p className="text-xs text-red-600">Chart failed to load: {failed}</p> : <div ref={box} style={{ minHeight: height + 30 }} className="w-full" />}
    </figure>
  );
}
