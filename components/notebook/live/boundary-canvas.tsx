'use client';

import { useEffect, useRef } from 'react';
import type { BoundaryFrame } from '@/lib/kernel/protocol';

/** TensorFlow Playground's colours: orange for class 0, blue for class 1, white in between. */
const ORANGE: [number, number, number] = [245, 147, 34];
const BLUE: [number, number, number] = [8, 119, 189];
const WHITE: [number, number, number] = [232, 234, 235];

function mix(p: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, Number.isFinite(p) ? p : 0.5));
  const [from, to, u] = t < 0.5 ? [ORANGE, WHITE, t * 2] : [WHITE, BLUE, (t - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * u)) as [number, number, number];
}

/** The model's output over the plane, with the data points on top. */
export function BoundaryCanvas({ frame, size = 260 }: { frame: BoundaryFrame; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const n = frame.size;
    const image = new ImageData(n, n);
    for (let i = 0; i < n * n; i++) {
      const [r, g, b] = mix(frame.grid[i]);
      image.data.set([r, g, b, 200], i * 4);
    }
    const grid = new OffscreenCanvas(n, n);
    grid.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.clearRect(0, 0, el.width, el.height);
    ctx.drawImage(grid, 0, 0, el.width, el.height);
    const [xMin, xMax, yMin, yMax] = frame.extent;
    for (const p of frame.points) {
      const x = ((p.x - xMin) / (xMax - xMin)) * el.width;
      const y = ((yMax - p.y) / (yMax - yMin)) * el.height;
      ctx.beginPath();
      ctx.arc(x, y, 3, 0, Math.PI * 2);
      ctx.fillStyle = p.label === 0 ? 'rgb(245,147,34)' : 'rgb(8,119,189)';
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'white';
      ctx.stroke();
    }
  }, [frame]);
  return (
    <figure className="flex flex-col items-center rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-1 self-start font-mono text-xs font-medium text-zinc-700">decision boundary</figcaption>
      <canvas ref={canvas} width={size * 2} height={size * 2} style={{ width: size, height: size }} role="img" aria-label={`Decision boundary with ${frame.points.length} points`} className="rounded" />
    </figure>
  );
}
