'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { alignSeries } from '@/components/charts/align';
import { loadUplot } from '@/components/charts/uplot-loader';
import { AXIS_LOOK, CHART_FONT, INTEGER_STEPS, tickLabels, Y_AXIS } from '@/components/charts/axis-style';
import type { ChartSettings } from '@/lib/track/compare/compare-url';
import { drawLines, type RunLine } from '@/lib/track/compare/chart-lines';
import { X_AXIS_LABELS } from '@/lib/track/compare/x-axis';
import { ChartLegend } from './chart-legend';
import { chartSeries } from './chart-series';

export interface CompareChartProps {
  metric: string;
  lines: RunLine[];
  settings: ChartSettings;
  height?: number;
  /** Group of a run (e.g. `lr=0.01`): then each group is drawn as its mean with a min–max band. */
  groupOf?: (runId: string) => string;
}

/**
 * One metric of several runs overlaid (uPlot, canvas): each run a line in its own colour,
 * smoothed, with the raw line faint behind it while smoothing is on. uPlot's own legend would
 * list every series (raw and smoothed); ChartLegend lists each run once and shows its values at
 * the hovered x, read from the run's own points (runs logged at different steps still answer).
 */
export function CompareChart({ metric, lines, settings, height = 200, groupOf }: CompareChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [hoverX, setHoverX] = useState<number | null>(null);
  // What the canvas shows now (for tests and screen readers of data attributes): the chart is rebuilt asynchronously.
  const [drawn, setDrawn] = useState({ count: 0, yMin: 0, yMax: 0, logY: false });
  const { x: xMode, smoothing, logY } = settings;
  const smoothed = smoothing > 0;

  const runs = useMemo(() => drawLines(lines, { x: xMode, smoothing, logY }), [lines, xMode, smoothing, logY]);
  const data = useMemo(() => {
    const drawn = chartSeries(runs, smoothed, groupOf);
    return { ...drawn, aligned: alignSeries(drawn.series) };
  }, [runs, smoothed, groupOf]);
  const latest = useRef(data);
  latest.current = data;
  const shape = `${data.series.map((s) => s.color).join(',')}|${data.bands.length}|${xMode}|${logY}`;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    let frame = 0;
    loadUplot().then(
      (UPlot) => {
        const el = box.current;
        if (disposed || !el) return;
        const { series, aligned, bands, bandColors } = latest.current;
        const xAxis: uPlot.Axis = { ...AXIS_LOOK, label: X_AXIS_LABELS[xMode], labelSize: 18, size: 32, labelFont: CHART_FONT };
        if (xMode === 'step') Object.assign(xAxis, { incrs: INTEGER_STEPS });
        if (xMode === 'relative') xAxis.values = tickLabels;
        const opts: uPlot.Options = {
          width: Math.max(240, el.clientWidth),
          height,
          legend: { show: false },
          padding: [8, 8, 0, 0],
          cursor: { drag: { x: true, y: false }, points: { show: false } },
          scales: { x: { time: xMode === 'time' }, y: logY ? { distr: 3 } : {} },
          axes: [xAxis, Y_AXIS],
          // Runs log at different steps: a run's line joins its own points across the others' x.
          series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width ?? 1.6, spanGaps: true, points: { show: false } }))],
          bands: bands.map((series, i) => ({ series, fill: bandColors[i] })),
          hooks: {
            setCursor: [
              (u) => {
                cancelAnimationFrame(frame);
                const idx = u.cursor.idx;
                frame = requestAnimationFrame(() => setHoverX(idx === null || idx === undefined ? null : (u.data[0][idx] ?? null)));
              },
            ],
            draw: [(u) => setDrawn((d) => ({ count: d.count + 1, yMin: u.scales.y.min ?? 0, yMax: u.scales.y.max ?? 0, logY: u.scales.y.distr === 3 }))],
          },
        };
        chart.current = new UPlot(opts, [aligned.x, ...aligned.ys] as unknown as uPlot.AlignedData, el);
        observer = new ResizeObserver(() => chart.current?.setSize({ width: Math.max(240, el.clientWidth), height }));
        observer.observe(el);
      },
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      disposed = true;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // Rebuilt only when the series change shape or the axes change; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    chart.current?.setData([data.aligned.x, ...data.aligned.ys] as unknown as uPlot.AlignedData);
  }, [data]);

  return (
    <figure
      className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3"
      data-testid="compare-chart"
      data-metric={metric}
      data-log-y={drawn.logY ? 'true' : 'false'}
      data-draws={drawn.count}
      data-y-min={drawn.yMin}
      data-y-max={drawn.yMax}
    >
      <figcaption className="mb-1 font-mono text-xs font-medium text-zinc-700">{metric}</figcaption>
      {failed ? <p className="text-xs text-red-600">Chart failed to load: {failed}</p> : <div ref={box} style={{ minHeight: height + 30 }} className="w-full" />}
      <ChartLegend runs={data.legend} hoverX={hoverX} xMode={xMode} smoothed={smoothed && !groupOf} />
    </figure>
  );
}
