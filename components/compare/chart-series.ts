import type { LineSeries } from '@/components/charts/align';
import type { DrawnLine } from '@/lib/track/compare/chart-lines';
import { groupLines } from '@/lib/track/compare/group-lines';
import { runColors } from '@/lib/track/compare/run-colors';

/** Faint copies of a colour (hex alpha): the raw line behind a smoothed one, a group's band. */
const RAW_ALPHA = '40';
const BAND_ALPHA = '26';

export interface ChartSeries {
  series: LineSeries[];
  /** uPlot bands as [upper, lower] series numbers (1-based: series 0 is x). */
  bands: [number, number][];
  bandColors: string[];
  /** What the legend lists: each run, or each group as its mean line. */
  legend: DrawnLine[];
}

/**
 * The lines a compare chart draws. Ungrouped: per run its smoothed line, with the raw one faint
 * behind while smoothing is on. Grouped (`groupOf`): per group the mean of its runs (smoothed
 * values) with a min–max band, coloured by the group's key.
 */
export function chartSeries(runs: DrawnLine[], smoothed: boolean, groupOf?: (id: string) => string): ChartSeries {
  if (!groupOf) {
    const series = runs.flatMap((r): LineSeries[] => {
      const main: LineSeries = { label: r.name, color: r.color, x: r.x, y: smoothed ? r.smoothed : r.raw };
      return smoothed ? [{ label: `${r.name} (raw)`, color: r.color + RAW_ALPHA, width: 1, x: r.x, y: r.raw }, main] : [main];
    });
    return { series, bands: [], bandColors: [], legend: runs };
  }
  const groups = groupLines(runs, groupOf, smoothed ? 'smoothed' : 'raw');
  const colors = runColors(groups.map((g) => `group:${g.key}`));
  const series: LineSeries[] = [];
  const bands: [number, number][] = [];
  const bandColors: string[] = [];
  const legend: DrawnLine[] = [];
  for (const g of groups) {
    const color = colors.get(`group:${g.key}`)!;
    const name = `${g.key} (${g.count} run${g.count === 1 ? '' : 's'})`;
    series.push({ label: `${name} max`, color: color + BAND_ALPHA, width: 0, x: g.x, y: g.max });
    series.push({ label: `${name} min`, color: color + BAND_ALPHA, width: 0, x: g.x, y: g.min });
    series.push({ label: name, color, x: g.x, y: g.mean });
    bands.push([series.length - 2, series.length - 1]);
    bandColors.push(color + BAND_ALPHA);
    legend.push({ id: `group:${g.key}`, name, color, x: g.x, raw: g.mean, smoothed: g.mean });
  }
  return { series, bands, bandColors, legend };
}
