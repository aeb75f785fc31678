/** One line of a chart: points by x (step or epoch). Non-finite y values become gaps. */
export interface LineSeries {
  label: string;
  color: string;
  points: { x: number; y: number }[];
  /** Draw dashes (validation curves). */
  dashed?: boolean;
}

export interface AlignedChartData {
  x: number[];
  ys: (number | null)[][];
}

/**
 * uPlot wants one shared, sorted x array and one y array per series with null where a series has
 * no point. NaN/±Infinity become null (a diverged loss shows as a gap; the table shows "NaN").
 */
export function alignSeries(series: LineSeries[]): AlignedChartData {
  const xs = new Set<number>();
  for (const s of series) for (const p of s.points) xs.add(p.x);
  const x = [...xs].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array(x.length).fill(null);
    for (const p of s.points) y[index.get(p.x)!] = Number.isFinite(p.y) ? p.y : null;
    return y;
  });
  return { x, ys };
}

/** Palette for charts: accent first, then distinguishable hues. */
export const CHART_COLORS = ['#4f46e5', '#f59322', '#0877bd', '#10b981', '#e11d48', '#8b5cf6', '#64748b'];
