'use client';

import { useMemo } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { CHART_COLORS, type LineSeries } from '@/components/charts/align';
import type { StepAxes } from '@/lib/track/step-axis';
import { groupLiveCharts } from './chart-groups';

export type SeriesByKey = ReadonlyMap<string, { steps: number[]; values: number[] }>;

/** The charts of one run; `version` changes when the series arrays grew (they are mutated in place). */
/** `extra` (the decision boundary) joins the grid as one more tile. */
export function LiveCharts({ series, axes, version, extra }: { series: SeriesByKey; axes?: StepAxes; version: number; extra?: React.ReactNode }) {
  const groups = useMemo(
    () =>
      groupLiveCharts([...series.keys()], axes).map((g) => ({
        ...g,
        lines: g.keys.map(({ key, validation }, i): LineSeries => {
          const s = series.get(key)!;
          return {
            label: key,
            color: validation ? CHART_COLORS[1] : CHART_COLORS[i === 0 ? 0 : (i + 1) % CHART_COLORS.length],
            dashed: validation,
            // The live buffers themselves: no copy per redraw.
            x: s.steps,
            y: s.values,
          };
        }),
      })),
    // `series` is mutated in place; `version` says when to recompute.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series, version, axes],
  );
  if (groups.length === 0 && !extra) return null;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {groups.map((g) => (
        <LineChart key={g.title} title={g.title} series={g.lines} xLabel={g.xLabel} height={150} />
      ))}
      {extra}
    </div>
  );
}
