import { z } from 'zod';

/** What a compare chart puts on x: the step, the wall-clock time, or the time since the series began. */
export const XAxisMode = z.enum(['step', 'time', 'relative']);
export type XAxisMode = z.infer<typeof XAxisMode>;

export const X_AXIS_LABELS: Record<XAxisMode, string> = { step: 'step', time: 'wall time', relative: 'relative time (s)' };

/**
 * x values of one series' points. `time` is in seconds since the epoch (uPlot's time scale unit);
 * `relative` is seconds since the series' first point, as TensorBoard's "relative" axis, so runs
 * started hours apart overlay from the same origin.
 */
export function xValues(points: readonly { step: number; timeMs: number }[], mode: XAxisMode): number[] {
  if (mode === 'step') return points.map((p) => p.step);
  if (mode === 'time') return points.map((p) => p.timeMs / 1000);
  let start = Infinity;
  for (const p of points) start = Math.min(start, p.timeMs);
  return points.map((p) => (p.timeMs - start) / 1000);
}

/**
 * Sorts one series by x (wall time need not grow with the step: a resumed run logs old steps
 * later) and drops repeated x values but the last, since uPlot needs ascending, distinct x.
 */
export function ascendingByX(x: readonly number[], y: readonly number[]): { x: number[]; y: number[] } {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const outX: number[] = [];
  const outY: number[] = [];
  for (const i of order) {
    if (outX.length && outX[outX.length - 1] === x[i]) outY[outY.length - 1] = y[i];
    else {
      outX.push(x[i]);
      outY.push(y[i]);
    }
  }
  return { x: outX, y: outY };
}

/**
 * The value of a series at `x` for the hover readout: its last point at or before `x` (a run
 * logged at other steps than its neighbour still shows a value), undefined before its first.
 * `xs` ascending; binary search, so hovering over 100 runs stays cheap.
 */
export function valueAtX(xs: readonly number[], ys: readonly number[], x: number): number | undefined {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0 || x < xs[0]) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return ys[lo];
}
