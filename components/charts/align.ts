/**
 * One line of a chart, by x (step or epoch). Either as point objects, or as two parallel arrays
 * (`x`, `y`), which live views pass straight from their buffers without copying.
 * Non-finite y values become gaps.
 */
export type LineSeries = {
  label: string;
  color: string;
  /** Draw dashes (validation curves). */
  dashed?: boolean;
  /** Line width in CSS pixels (default 1.5). */
  width?: number;
} & ({ points: { x: number; y: number }[] } | { x: readonly number[]; y: readonly number[] });

export interface AlignedChartData {
  x: readonly number[];
  ys: readonly (number | null)[][];
}

function columns(s: LineSeries): { x: readonly number[]; y: readonly number[] } {
  return 'points' in s ? { x: s.points.map((p) => p.x), y: s.points.map((p) => p.y) } : { x: s.x, y: s.y };
}

function ascending(x: readonly number[]): boolean {
  for (let i = 1; i < x.length; i++) if (!(x[i] > x[i - 1])) return false;
  return true;
}

function sameX(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** uPlot draws null as a gap; NaN/±Infinity would break its scales (the tables show "NaN"). */
function finiteOrNull(y: readonly number[]): (number | null)[] {
  return Array.from(y, (v) => (Number.isFinite(v) ? v : null));
}

/**
 * uPlot wants one shared ascending x array and one y array per series, null where a series has no
 * point. The common case (one series, or series logged at the same steps) is a single linear pass
 * with no sorting, so a live chart can redraw thousands of points several times a second.
 */
export function alignSeries(series: LineSeries[]): AlignedChartData {
  const cols = series.map(columns);
  const first = cols[0];
  if (first && ascending(first.x) && cols.every((c) => sameX(c.x, first.x))) {
    return { x: first.x, ys: cols.map((c) => finiteOrNull(c.y)) };
  }
  const xs = new Set<number>();
  for (const c of cols) for (const v of c.x) xs.add(v);
  const x = [...xs].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const ys = cols.map((c) => {
    const y: (number | null)[] = new Array(x.length).fill(null);
    c.x.forEach((v, i) => (y[index.get(v)!] = Number.isFinite(c.y[i]) ? c.y[i] : null));
    return y;
  });
  return { x, ys };
}

/** Palette for charts: accent first, then distinguishable hues. */
export const CHART_COLORS = ['#4f46e5', '#f59322', '#0877bd', '#10b981', '#e11d48', '#8b5cf6', '#64748b'];
