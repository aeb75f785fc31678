'use client';

import { useState } from 'react';

/** The synthetic 2-D datasets (spirals, circles, xor, gaussians) live in about [-6, 6]². */
const EXTENT = 6;
const SIZE = 280;
const STEP = 0.25;

const toPx = (v: number) => ((v + EXTENT) / (2 * EXTENT)) * SIZE;
const fromPx = (p: number) => (p / SIZE) * 2 * EXTENT - EXTENT;

/**
 * A clickable plane for models with [N, 2] inputs: click (or use the arrow keys) to place the
 * point (x, y) that is fed to the model. y grows upwards, as in TensorFlow Playground.
 */
export function PlanePicker({ onPoint }: { onPoint: (point: [number, number]) => void }) {
  const [point, setPoint] = useState<[number, number] | null>(null);
  const choose = (p: [number, number]) => {
    const clamped: [number, number] = [Math.max(-EXTENT, Math.min(EXTENT, p[0])), Math.max(-EXTENT, Math.min(EXTENT, p[1]))];
    setPoint(clamped);
    onPoint(clamped);
  };
  return (
    <div className="space-y-2">
      <svg
        width={SIZE}
        height={SIZE}
        role="application"
        tabIndex={0}
        aria-label={`Input plane from -${EXTENT} to ${EXTENT}: click to choose a point, or move it with the arrow keys${point ? `; point (${point[0].toFixed(2)}, ${point[1].toFixed(2)})` : ''}`}
        className="cursor-crosshair rounded-md border border-zinc-300 bg-white"
        onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          choose([fromPx(((e.clientX - rect.left) / rect.width) * SIZE), -fromPx(((e.clientY - rect.top) / rect.height) * SIZE)]);
        }}
        onKeyDown={(e) => {
          const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
          const move = moves[e.key];
          if (!move) return;
          e.preventDefault();
          const [x, y] = point ?? [0, 0];
          choose([x + move[0], y + move[1]]);
        }}
      >
        {Array.from({ length: 2 * EXTENT + 1 }, (_, i) => i - EXTENT).map((v) => (
          <g key={v} className={v === 0 ? 'stroke-zinc-400' : 'stroke-zinc-100'}>
            <line x1={toPx(v)} x2={toPx(v)} y1={0} y2={SIZE} />
            <line y1={toPx(v)} y2={toPx(v)} x1={0} x2={SIZE} />
          </g>
        ))}
        {point && <circle cx={toPx(point[0])} cy={toPx(-point[1])} r={6} className="fill-accent-600 stroke-white" strokeWidth={2} />}
      </svg>
      <p className="font-mono text-xs text-zinc-500">{point ? `x = ${point[0].toFixed(2)}, y = ${point[1].toFixed(2)}` : 'No point yet'}</p>
    </div>
  );
}
