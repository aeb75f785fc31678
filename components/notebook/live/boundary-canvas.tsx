'use client';

import { useEffect, useRef } from 'react';
import type { BoundaryFrame } from '@/lib/kernel/protocol';

/** TensorFlow Playground's colours: orange for class 0, blue for class 1, white in between. */
const ORANGE: [number, number, number] = [245, 147, 34];
const BLUE: [number, number, number] = [8, 119, 189];
const WHITE: [number, number, number] = [232, 234, 235];

function mix(p: number): [number, number, number] {
  const [from, to, u] = p < 0.5 ? [ORANGE, WHITE, p * 2] : [WHITE, BLUE, (p - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * u)) as [number, number, number];
}

/** 256 packed RGBA colours (little-endian ABGR words), so a frame is one pass with no allocation. */
const LUT = Uint32Array.from({ length: 256 }, (_, i) => {
  const [r, g, b] = mix(i / 255);
  return ((200 << 24) | (b << 16) | (g << 8) | r) >>> 0;
});

function colourIndex(p: number): number {
  return Number.isFinite(p) ? Math.max(0, Math.min(255, Math.round(p * 255))) : 128;
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
    const pixels = new Uint32Array(image.data.buffer);
    for (let i = 0; i < n * n; i++) pixels[i] = LUT[colourIndex(frame.grid[i])];
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
