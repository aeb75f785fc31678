'use client';

import type { CompareRun } from '@/lib/track/compare/compare-run';
import { formatTick } from '@/components/charts/axis-style';

const W = 420;
const H = 260;
const PAD = { left: 52, right: 12, top: 12, bottom: 34 };

/**
 * One param against one metric over the run set: a dot per run in its colour, its name and
 * values in a tooltip. Numeric params only (a categorical one reads better in the parallel
 * coordinates beside it).
 */
export function ParamScatter({ runs, colors, param, metric }: { runs: CompareRun[]; colors: Map<string, string>; param: string; metric: string }) {
  const pts = runs.flatMap((r) => {
    const x = r.params[param];
    const y = r.metrics[metric]?.last;
    return typeof x === 'number' && Number.isFinite(x) && y !== undefined && Number.isFinite(y) ? [{ run: r, x, y }] : [];
  });
  if (pts.length === 0) return <p className="text-sm text-zinc-500">No run has both a numeric {param} and a finite {metric}.</p>;
  const range = (vs: number[]) => {
    const [lo, hi] = [Math.min(...vs), Math.max(...vs)];
    return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  };
  const [x0, x1] = range(pts.map((p) => p.x));
  const [y0, y1] = range(pts.map((p) => p.y));
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const ticks = (lo: number, hi: number) => [0, 0.5, 1].map((t) => lo + t * (hi - lo));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${metric} against ${param} for ${pts.length} runs`} data-testid="param-scatter" className="max-w-xl">
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#a1a1aa" />
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="#a1a1aa" />
      {ticks(x0, x1).map((v) => (
        <text key={`x${v}`} x={sx(v)} y={H - PAD.bottom + 14} fontSize={10} textAnchor="middle" fill="#52525b">{formatTick(v)}</text>
      ))}
      {ticks(y0, y1).map((v) => (
        <text key={`y${v}`} x={PAD.left - 6} y={sy(v)} dy="0.32em" fontSize={10} textAnchor="end" fill="#52525b">{formatTick(v)}</text>
      ))}
      <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} fontSize={11} textAnchor="middle" fill="#27272a">{param}</text>
      {pts.map((p) => (
        <circle key={p.run.id} cx={sx(p.x)} cy={sy(p.y)} r={5} fill={colors.get(p.run.id)} fillOpacity={0.85} stroke="#fff">
          <title>{`${p.run.name}: ${param} ${p.x}, ${metric} ${p.y}`}</title>
        </circle>
      ))}
    </svg>
  );
}
