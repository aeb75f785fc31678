import { formatMetric } from '@/components/ui/format';
import { histogramFromQuantiles } from '@/lib/bench/watch/quantiles';
import type { QuantileSeries } from '@/lib/runs/watch-series';

const W = 420;
const H = 180;
const PAD = { left: 56, right: 8, top: 8, bottom: 24 };
/** Bands as TensorBoard draws distributions: outermost (min–max) lightest; columns into BASIS_POINTS. */
const BANDS: [number, number, number][] = [[0, 8, 0.15], [1, 7, 0.25], [2, 6, 0.4], [3, 5, 0.6]];
const MEDIAN = 4;

function scale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  return (v: number) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0]);
}

function Axes({ yMin, yMax, xLeft, xRight }: { yMin: number; yMax: number; xLeft: string; xRight: string }) {
  return (
    <g className="fill-zinc-600 text-[10px]">
      <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">{formatMetric(yMax)}</text>
      <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end">{formatMetric(yMin)}</text>
      <text x={PAD.left} y={H - 8}>{xLeft}</text>
      <text x={W - PAD.right} y={H - 8} textAnchor="end">{xRight}</text>
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="stroke-zinc-300" />
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="stroke-zinc-300" />
    </g>
  );
}

/** Percentile bands of a tensor over steps (TensorBoard's Distributions view). */
export function DistributionChart({ series, label }: { series: QuantileSeries; label: string }) {
  const { steps, rows } = series;
  const yMin = Math.min(...rows.map((r) => r[0]));
  const yMax = Math.max(...rows.map((r) => r[8]));
  const x = scale([steps[0], steps[steps.length - 1]], [PAD.left, W - PAD.right]);
  const y = scale([yMin, yMax], [H - PAD.bottom, PAD.top]);
  const band = (lo: number, hi: number) =>
    [...steps.map((s, i) => `${x(s)},${y(rows[i][hi])}`), ...steps.map((s, i) => `${x(s)},${y(rows[i][lo])}`).reverse()].join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-xl" role="img" aria-label={`${label}: percentile bands over steps ${steps[0]}–${steps[steps.length - 1]}, values ${formatMetric(yMin)} to ${formatMetric(yMax)}`}>
      <Axes yMin={yMin} yMax={yMax} xLeft={`step ${steps[0]}`} xRight={`step ${steps[steps.length - 1]}`} />
      {BANDS.map(([lo, hi, opacity]) => (
        <polygon key={lo} points={band(lo, hi)} className="fill-accent-600" fillOpacity={opacity} />
      ))}
      <polyline points={steps.map((s, i) => `${x(s)},${y(rows[i][MEDIAN])}`).join(' ')} fill="none" className="stroke-accent-800" strokeWidth={1.5} />
      {steps.length === 1 && <circle cx={x(steps[0])} cy={y(rows[0][MEDIAN])} r={3} className="fill-accent-800" />}
    </svg>
  );
}

/** The tensor's histogram at one step: equal-mass bins between its percentiles (area = share of values). */
export function HistogramChart({ quantiles, label }: { quantiles: number[]; label: string }) {
  const bars = histogramFromQuantiles(quantiles);
  const top = Math.max(...bars.map((b) => b.density));
  const x = scale([quantiles[0], quantiles[quantiles.length - 1]], [PAD.left, W - PAD.right]);
  const y = scale([0, top], [H - PAD.bottom, PAD.top]);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-xl" role="img" aria-label={`${label}: histogram from ${formatMetric(quantiles[0])} to ${formatMetric(quantiles[quantiles.length - 1])}, median ${formatMetric(quantiles[4])}`} data-testid="watch-histogram">
      <Axes yMin={0} yMax={top} xLeft={formatMetric(quantiles[0])} xRight={formatMetric(quantiles[quantiles.length - 1])} />
      {bars.map((b, i) => (
        <rect key={i} x={x(b.from)} width={Math.max(1, x(b.to) - x(b.from))} y={y(b.density)} height={H - PAD.bottom - y(b.density)} className="fill-accent-600 stroke-white" fillOpacity={0.7}>
          <title>{`${formatMetric(b.from)} … ${formatMetric(b.to)}: ${Math.round(b.mass * 100)} % of values`}</title>
        </rect>
      ))}
    </svg>
  );
}
