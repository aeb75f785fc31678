import type uPlot from 'uplot';

/** Steps and epochs are whole numbers: no "1.5" ticks on the x axis. */
export const INTEGER_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

export const CHART_FONT = '11px ui-sans-serif, system-ui, sans-serif';

/** A tick label in three significant digits, with k/M/G past 10,000. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/** The charts' shared look: zinc strokes, faint grid. */
export const AXIS_LOOK = { stroke: '#71717a', grid: { stroke: '#f4f4f5' }, ticks: { stroke: '#e4e4e7' }, font: CHART_FONT } satisfies uPlot.Axis;

/**
 * Tick labels of a numeric axis. On a log scale uPlot hands over null for the ticks it leaves
 * unlabelled (between powers of ten): those get no label.
 */
export const tickLabels = (_u: uPlot, ticks: (number | null)[]): string[] => ticks.map((v) => (v === null ? '' : formatTick(v)));

/** The y axis every chart uses: compact numbers in a 52 px gutter. */
export const Y_AXIS: uPlot.Axis = { ...AXIS_LOOK, size: 52, values: tickLabels };
