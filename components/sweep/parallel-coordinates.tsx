'use client';

import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { passesBrushes, qualityColor, valueAt, type PcAxis, type PcBrushes, type PcModel } from '@/lib/sweep/parallel-coordinates';

/** Drawn at the container's width in CSS pixels (text stays 10–11 px); this until it is measured. */
const DEFAULT_WIDTH = 900;
const HEIGHT = 300;
const PAD = { bottom: 22, left: 56, right: 56 };
/** Axis titles in one row, or in two staggered rows when they would not fit side by side. */
const TITLE_ROW_PX = 14;
/** Average glyph widths of the 11 px titles and 10 px tick labels (system sans-serif). */
const TITLE_CHAR_PX = 6.4;
const TICK_CHAR_PX = 5.8;
/** Drags shorter than this (in positions) are clicks: they clear the axis' brush. */
const MIN_BRUSH = 0.02;

const fmt = (v: number) => {
  const a = Math.abs(v);
  if (v === 0) return '0';
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
};

/** `text` cut to `maxPx` (estimated) with an ellipsis; the full text goes in a <title>. */
function fit(text: string, maxPx: number, charPx: number): string {
  const max = Math.max(3, Math.floor(maxPx / charPx));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function ticks(axis: PcAxis): { t: number; text: string }[] {
  if (axis.kind === 'categorical') return axis.categories.map((c, i) => ({ t: axis.categories.length === 1 ? 0.5 : i / (axis.categories.length - 1), text: c }));
  return [0, 0.25, 0.5, 0.75, 1].map((t) => ({ t, text: fmt(valueAt(axis, t)) }));
}

const titleOf = (axis: PcAxis) => `${axis.label}${axis.log ? ' (log)' : ''}`;

/** Where axes, titles and the plot area go for `n` axes at `width` px. */
function layoutFor(axes: PcAxis[], width: number) {
  const n = axes.length;
  const spacing = n <= 1 ? width - PAD.left - PAD.right : (width - PAD.left - PAD.right) / (n - 1);
  const staggered = axes.some((a) => titleOf(a).length * TITLE_CHAR_PX > spacing - 8);
  const top = (staggered ? 2 * TITLE_ROW_PX : TITLE_ROW_PX) + 14;
  const axisX = (i: number) => (n <= 1 ? width / 2 : PAD.left + i * spacing);
  const toY = (t: number) => top + (1 - t) * (HEIGHT - top - PAD.bottom);
  const fromY = (y: number) => Math.min(1, Math.max(0, 1 - (y - top) / (HEIGHT - top - PAD.bottom)));
  return {
    spacing,
    axisX,
    toY,
    fromY,
    title(i: number) {
      const room = (staggered ? 2 * spacing : spacing) - 8;
      const text = fit(titleOf(axes[i]), Math.min(room, width - 8), TITLE_CHAR_PX);
      const half = (text.length * TITLE_CHAR_PX) / 2;
      // Centred on the axis, but pushed inside the figure at both ends.
      const x = Math.min(width - half - 2, Math.max(half + 2, axisX(i)));
      return { text, x, y: staggered && i % 2 === 1 ? 12 + TITLE_ROW_PX : 12 };
    },
    /** Tick labels sit left of their axis: room up to the previous axis (or the left edge). */
    tickRoomPx: (i: number) => (i === 0 ? PAD.left : Math.min(spacing * 0.6, 140)) - 10,
  };
}

/**
 * Parameters → metric as parallel coordinates (SVG). Each trial is a line coloured by its metric
 * (indigo best, amber worst, grey none yet). Drag along an axis to brush it: only trials inside
 * every brush stay coloured, and `onSelect` gets their ids; click an axis to clear its brush.
 */
export function ParallelCoordinates({ model, onSelect, noun = 'trials' }: { model: PcModel; onSelect?: (ids: Set<string> | null) => void; /** What a line is, in captions (a sweep's trials, or runs). */ noun?: string }) {
  const svg = useRef<SVGSVGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const [brushes, setBrushes] = useState<PcBrushes>({});
  const [drag, setDrag] = useState<{ key: string; from: number; to: number } | null>(null);
  const n = model.axes.length;
  const { axisX, toY, fromY, title, tickRoomPx } = layoutFor(model.axes, width);
  const shown: PcBrushes = drag ? { ...brushes, [drag.key]: [drag.from, drag.to] } : brushes;
  const active = Object.keys(shown).length > 0;

  const yOf = (e: PointerEvent) => {
    const rect = svg.current!.getBoundingClientRect();
    return fromY(((e.clientY - rect.top) / rect.height) * HEIGHT);
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
      d += `${pen ? 'L' : 'M'}${axisX(i).toFixed(1)},${toY(p).toFixed(1)}`;
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
          {active ? `${count} of ${model.lines.length} ${noun} in the brushes` : `${model.lines.length} ${noun} · drag along an axis to filter`}
          {active && (
            <button type="button" className="ml-2 text-accent-700 hover:underline" onClick={() => publish({})}>
              clear
            </button>
          )}
        </span>
      </figcaption>
      <div ref={box} className="w-full">
      <svg
        ref={svg}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        className="block touch-none select-none"
        role="img"
        aria-label={`Parallel coordinates of ${model.lines.length} ${noun} over ${n} axes`}
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
          const x = axisX(i);
          const brush = shown[axis.key];
          const head = title(i);
          const tickPx = tickRoomPx(i);
          return (
            <g key={axis.key} data-axis={axis.key}>
              <line x1={x} x2={x} y1={toY(0)} y2={toY(1)} stroke="#71717a" />
              {ticks(axis).map((tick) => (
                <g key={tick.t} transform={`translate(${x},${toY(tick.t)})`}>
                  <line x1={-3} x2={3} stroke="#71717a" />
                  <text x={-6} dy="0.32em" textAnchor="end" fontSize={10} fill="#52525b" stroke="#fff" strokeWidth={3} paintOrder="stroke">
                    {fit(tick.text, tickPx, TICK_CHAR_PX)}
                    {fit(tick.text, tickPx, TICK_CHAR_PX) !== tick.text && <title>{tick.text}</title>}
                  </text>
                </g>
              ))}
              <text x={head.x} y={head.y} textAnchor="middle" fontSize={11} fontWeight={axis.isMetric ? 600 : 500} fill="#27272a" data-axis-title>
                {head.text}
                <title>{titleOf(axis)}</title>
              </text>
              {brush && <rect x={x - 7} width={14} y={toY(Math.max(...brush))} height={Math.max(1, toY(Math.min(...brush)) - toY(Math.max(...brush)))} fill="#4f46e5" fillOpacity={0.18} stroke="#4f46e5" />}
              <rect
                x={x - 12}
                width={24}
                y={toY(1) - 4}
                height={toY(0) - toY(1) + 8}
                fill="transparent"
                className="cursor-ns-resize"
                data-brush={axis.key}
                onPointerDown={(e) => {
                  (e.target as Element).setPointerCapture?.(e.pointerId);
                  const y = yOf(e);
                  setDrag({ key: axis.key, from: y, to: y });
                }}
              >
                {/* A tooltip, not aria-label: inside the chart's role="img" an svg rect may not carry ARIA names. */}
                <title>{`Brush ${axis.label}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      </div>
    </figure>
  );
}
