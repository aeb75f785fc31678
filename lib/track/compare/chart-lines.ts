import { emaSmooth } from './smoothing';
import { ascendingByX, xValues, type XAxisMode } from './x-axis';

/** One run's points of one metric, as read from the (downsampled) history. */
export interface RunLine {
  id: string;
  name: string;
  color: string;
  points: readonly { step: number; timeMs: number; value: number }[];
}

/** A run's line ready to draw: ascending x, its raw values and the smoothed ones. */
export interface DrawnLine {
  id: string;
  name: string;
  color: string;
  x: number[];
  raw: number[];
  smoothed: number[];
}

/**
 * x by the chosen axis, sorted; y smoothed (debiased EMA). On a log axis values ≤ 0 cannot be
 * drawn: they become NaN (gaps) in both lines rather than breaking the scale.
 */
export function drawLines(lines: readonly RunLine[], { x, smoothing, logY }: { x: XAxisMode; smoothing: number; logY: boolean }): DrawnLine[] {
  return lines.map((line) => {
    const sorted = ascendingByX(xValues(line.points, x), line.points.map((p) => p.value));
    const raw = logY ? sorted.y.map((v) => (v > 0 ? v : Number.NaN)) : sorted.y;
    return { id: line.id, name: line.name, color: line.color, x: sorted.x, raw, smoothed: emaSmooth(raw, smoothing) };
  });
}
