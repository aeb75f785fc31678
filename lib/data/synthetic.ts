import { createRng, gaussian } from './rng';

/** A labelled 2-D point set: `x` holds n (x, y) pairs, `labels` one class per point. */
export interface PointSet2D {
  name: 'spirals' | 'circles' | 'xor' | 'gaussians';
  x: Float32Array;
  labels: Int32Array;
  numClasses: number;
  /** Half-width of the square the points lie in, for plotting. */
  extent: number;
}

export interface SyntheticOptions {
  /** Number of points (default 400). */
  n?: number;
  /** Noise as a fraction of the data's scale, 0..1 (default 0.1). */
  noise?: number;
  seed?: number;
}

type Generator = (i: number, n: number, rng: () => number, noise: number) => [number, number, number];

/** Two interleaved spirals, as in TensorFlow Playground. */
const spiral: Generator = (i, n, rng, noise) => {
  const label = i % 2;
  const r = ((Math.floor(i / 2) / (n / 2)) * 5);
  const t = (1.75 * Math.floor(i / 2) / (n / 2)) * 2 * Math.PI + label * Math.PI;
  return [r * Math.sin(t) + gaussian(rng) * noise * 5 * 0.3, r * Math.cos(t) + gaussian(rng) * noise * 5 * 0.3, label];
};

/** A disc of one class inside a ring of the other. */
const circle: Generator = (i, _n, rng, noise) => {
  const label = i % 2;
  const r = label === 0 ? rng() * 2.5 : 3.5 + rng() * 1.5;
  const angle = rng() * 2 * Math.PI;
  return [r * Math.sin(angle) + gaussian(rng) * noise * 5 * 0.3, r * Math.cos(angle) + gaussian(rng) * noise * 5 * 0.3, label];
};

/** Quadrants: the label is the sign of x·y. */
const xor: Generator = (_i, _n, rng, noise) => {
  const pad = 0.3;
  let px = rng() * 10 - 5;
  let py = rng() * 10 - 5;
  px += px > 0 ? pad : -pad;
  py += py > 0 ? pad : -pad;
  const label = px * py >= 0 ? 1 : 0;
  return [px + gaussian(rng) * noise * 5 * 0.3, py + gaussian(rng) * noise * 5 * 0.3, label];
};

/** Two Gaussian blobs. */
const blobs: Generator = (i, _n, rng, noise) => {
  const label = i % 2;
  const c = label === 0 ? 2 : -2;
  const spread = 0.5 + noise * 3;
  return [c + gaussian(rng) * spread, c + gaussian(rng) * spread, label];
};

const generators: Record<PointSet2D['name'], Generator> = { spirals: spiral, circles: circle, xor, gaussians: blobs };

export function makePointSet(name: PointSet2D['name'], options: SyntheticOptions = {}): PointSet2D {
  const n = options.n ?? 400;
  const noise = options.noise ?? 0.1;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer ≥ 2, got ${n}`);
  if (!(noise >= 0 && noise <= 1)) throw new RangeError(`noise must be between 0 and 1, got ${noise}`);
  const rng = createRng(options.seed ?? 0);
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [px, py, label] = generators[name](i, n, rng, noise);
    x[i * 2] = px;
    x[i * 2 + 1] = py;
    labels[i] = label;
  }
  return { name, x, labels, numClasses: 2, extent: 6 };
}

export const makeSpirals = (o?: SyntheticOptions) => makePointSet('spirals', o);
