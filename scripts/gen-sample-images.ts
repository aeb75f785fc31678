/**
 * Generates public/datasets/sample-shapes.zip, the image set the image template trains on when
 * nothing was uploaded: 32×32 BMPs of circles, squares and triangles (60 of each) in one folder
 * per class, with random colours, sizes, positions and pixel noise. Deterministic (seeded).
 * Run: npx tsx scripts/gen-sample-images.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { encodeBmp } from '../lib/data/images/bmp';
import { createRng } from '../lib/data/rng';

const SIDE = 32;
const PER_CLASS = 60;
const rng = createRng(31);
const rand = (lo: number, hi: number) => lo + (hi - lo) * rng();

const shapes: Record<string, (x: number, y: number, cx: number, cy: number, r: number) => boolean> = {
  circle: (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
  square: (x, y, cx, cy, r) => Math.abs(x - cx) <= r * 0.85 && Math.abs(y - cy) <= r * 0.85,
  triangle: (x, y, cx, cy, r) => y >= cy - r && y <= cy + r * 0.8 && Math.abs(x - cx) <= ((y - (cy - r)) / (1.8 * r)) * r * 1.1,
};

function image(inside: (x: number, y: number, cx: number, cy: number, r: number) => boolean): Uint8Array {
  const rgb = new Uint8Array(SIDE * SIDE * 3);
  const fg = [rand(0, 255), rand(0, 255), rand(0, 255)];
  const bg = fg.map((c) => (c + 128 + rand(-40, 40)) % 256); // far from the shape's colour
  const r = rand(7, 12);
  const cx = rand(r + 1, SIDE - r - 1);
  const cy = rand(r + 1, SIDE - r - 1);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const colour = inside(x + 0.5, y + 0.5, cx, cy, r) ? fg : bg;
      for (let c = 0; c < 3; c++) rgb[(y * SIDE + x) * 3 + c] = Math.max(0, Math.min(255, colour[c] + rand(-20, 20)));
    }
  }
  return rgb;
}

const files: Record<string, Uint8Array> = {};
for (const [name, inside] of Object.entries(shapes)) {
  for (let i = 0; i < PER_CLASS; i++) files[`shapes/${name}/${name}-${String(i + 1).padStart(2, '0')}.bmp`] = encodeBmp(image(inside), SIDE, SIDE);
}
// A fixed date: the same images give the same zip bytes.
const zip = zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
const out = path.resolve(import.meta.dirname, '../public/datasets/sample-shapes.zip');
writeFileSync(out, zip);
console.log(`wrote ${out} (${Object.keys(files).length} images, ${zip.length} bytes)`);
