'use client';

import { useRef, useState, type PointerEvent } from 'react';
import { passesBrushes, qualityColor, valueAt, type PcAxis, type PcBrushes, type PcModel } from '@/lib/sweep/parallel-coordinates';

const WIDTH = 900;
const HEIGHT = 300;
const PAD = { top: 28, bottom: 22, left: 56, right: 56 };
/** Drags shorter than this (in positions) are clicks: they clear the axis' brush. */
const MIN_BRUSH = 0.02;

const fmt = (v: number) => {
  const a = Math.abs(v);
  if (v === 0) return '0';
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
};

const axisX = (i: number, n: number) => (n <= 1 ? WIDTH / 2 : PAD.left + (i * (WIDTH - PAD.left - PAD.right)) / (n - 1));
const toY = (t: number) => PAD.top + (1 - t) * (HEIGHT - PAD.top - PAD.bottom);
const fromY = (y: number) => Math.min(1, Math.max(0, 1 - (y - PAD.top) / (HEIGHT - PAD.top - PAD.bottom)));

function ticks(axis: PcAxis): { t: number; text: string }[] {
  if (axis.kind === 'categorical') return axis.categories.map((c, i) => ({ t: axis.categories.length === 1 ? 0.5 : i / (axis.categories.length - 1), text: c }));
  return [0, 0.25, 0.5, 0.75, 1].map((t) => ({ t, text: fmt(valueAt(axis, t)) }));
}

/**
 * Parameters → metric as parallel coordinates (SVG). Each trial is a line coloured by its metric
 * (indigo best, amber worst, grey none yet). Drag along an axis to brush it: only trials inside
 * every brush stay coloured, and `onSelect` gets their ids; click an axis to clear its brush.
 */
export function ParallelCoordinates({ model, onSelect }: { model: PcModel; onSelect?: (ids: Set<string> | null) => void }) {
  const svg = useRef<SVGSVGElement>(null);
  const [brushes, setBrushes] = useState<PcBrushes>({});
  const [drag, setDrag] = useState<{ key: string; from: number; to: number } | null>(null);
  const n = model.axes.length;
  const shown: PcBrushes = drag ? { ...brushes, [drag.key]: [drag.from, drag.to] } : brushes;
  const active = Object.keys(shown).length > 0;

  const yOf = (e: PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    return fromY(((e.clientY - box.top) / box.height) * HEIGHT);
  };
  const publish = (next: PcBrushes) => {
    setBrushes(next);
    onSelect?.(Object.keys(next).length ? new Set(model.lines.filter((l) => passesBrushes(model, l, next)).map((l) => l.trialId)) : null);
  };
  const end = () => {
    if (!drag) return;
    const { [drag.key]: _dropped, ...rest } = brushes;
    publish(Math.abs(drag.to - drag.from) < MIN_BRUSH ? rest : { ...rest, [drag.key]: [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] });
    setDrag(null);
  };

  const pathOf = (positions: (number | null)[]) => {
    let d = '';
    let pen = false;
    positions.forEach((p, i) => {
      if (p === null) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${axisX(i, n).toFixed(1)},${toY(p).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const passing = model.lines.map((l) => passesBrushes(model, l, shown));
  const count = passing.filter(Boolean).length;

  return (
    <figure className="min-w-0 rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-1 flex items-center justify-between text-xs text-zinc-600">
        <span className="font-medium text-zinc-700">Parameters → metric</span>
        <span>
          {active ? `${count} of ${model.lines.length} trials in the brushes` : `${model.lines.length} trials · drag along an axis to filter`}
          {active && (
            <button type="button" className="ml-2 text-accent-700 hover:underline" onClick={() => publish({})}>
              clear
            </button>
          )}
        </span>
      </figcaption>
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="w-full touch-none select-none"
        role="img"
        aria-label={`Parallel coordinates of ${model.lines.length} trials over ${n} axes`}
        data-testid="parallel-coordinates"
        onPointerMove={(e) => drag && setDrag({ ...drag, to: yOf(e) })}
        onPointerUp={end}
        onPointerLeave={end}
      >
        <g fill="none" strokeWidth={1.6} strokeLinejoin="round">
          {model.lines.map((line, i) => (
            <path
              key={line.trialId}
              d={pathOf(line.positions)}
              data-trial-id={line.trialId}
              data-selected={passing[i] ? 'true' : 'false'}
              stroke={passing[i] ? qualityColor(line.quality) : '#e4e4e7'}
              strokeOpacity={passing[i] ? 0.85 : 0.6}
              strokeDasharray={line.status === 'running' || line.status === 'leased' ? '4 3' : undefined}
            >
              <title>{`${line.trialId} (${line.status})${line.metric !== null ? ` · ${fmt(line.metric)}` : ''}`}</title>
            </path>
          ))}
        </g>
        {model.axes.map((axis, i) => {
          const x = axisX(i, n);
          const brush = shown[axis.key];
          return (
            <g key={axis.key} data-axis={axis.key}>
              <line x1={x} x2={x} y1={toY(0)} y2={toY(1)} stroke="#71717a" />
              {ticks(axis).map((tick) => (
                <g key={tick.t} transform={`translate(${x},${toY(tick.t)})`}>
                  <line x1={-3} x2={3} stroke="#71717a" />
                  <text x={-6} dy="0.32em" textAnchor="end" fontSize={10} fill="#52525b" stroke="#fff" strokeWidth={3} paintOrder="stroke">
                    {tick.text}
                  </text>
                </g>
              ))}
              <text x={x} y={12} textAnchor="middle" fontSize={11} fontWeight={axis.isMetric ? 600 : 500} fill="#27272a">
                {axis.label}
                {axis.log ? ' (log)' : ''}
              </text>
              {brush && <rect x={x - 7} width={14} y={toY(Math.max(...brush))} height={Math.max(1, toY(Math.min(...brush)) - toY(Math.max(...brush)))} fill="#4f46e5" fillOpacity={0.18} stroke="#4f46e5" />}
              <rect
                x={x - 12}
                width={24}
                y={toY(1) - 4}
                height={toY(0) - toY(1) + 8}
                fill="transparent"
                className="cursor-ns-resize"
                aria-label={`Brush ${axis.label}`}
                onPointerDown={(e) => {
                  (e.target as Element).setPointerCapture?.(e.pointerId);
                  const y = yOf(e);
                  setDrag({ key: axis.key, from: y, to: y });
                }}
              />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
