import type { MnistImages } from './mnist';

/**
 * MNIST as one small binary file (served gzipped as public/data/mnist.bin.gz, made by
 * scripts/build-mnist.ts):
 *   bytes 0–3   "BTMN"
 *   bytes 4–7   format version (uint32 little-endian, 1)
 *   bytes 8–11  digit count n (uint32 LE)
 *   bytes 12–15 side (uint32 LE, 28)
 *   then n label bytes (0–9), then n × side² pixel bytes (0 = background), row-major.
 * Bytes, not the package's JSON of pixel/255 to 3 decimals: 7.85 MB instead of 21 MB, 1.6 MB
 * gzipped.
 */
const MAGIC = 'BTMN';
const VERSION = 1;
export const MNIST_HEADER_BYTES = 16;

export function encodeMnistBinary(images: MnistImages, side: number): Uint8Array {
  const out = new Uint8Array(MNIST_HEADER_BYTES + images.count + images.pixels.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, images.count, true);
  view.setUint32(12, side, true);
  out.set(images.labels, MNIST_HEADER_BYTES);
  out.set(images.pixels, MNIST_HEADER_BYTES + images.count);
  return out;
}

/** Reads the file, checking every length so a truncated or foreign download fails clearly. */
export function decodeMnistBinary(bytes: Uint8Array, side: number): MnistImages {
  const where = 'mnist.bin';
  if (bytes.byteLength < MNIST_HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error(`${where}: not a Benchtop MNIST file (no "${MAGIC}" header; ${bytes.byteLength} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`${where}: format version ${version}, this app reads ${VERSION}`);
  const count = view.getUint32(8, true);
  if (view.getUint32(12, true) !== side) throw new Error(`${where}: images are ${view.getUint32(12, true)} px wide, expected ${side}`);
  const expected = MNIST_HEADER_BYTES + count + count * side * side;
  if (bytes.byteLength !== expected) throw new Error(`${where}: ${bytes.byteLength} bytes, expected ${expected} for ${count} digits (truncated download?)`);
  const labels = bytes.slice(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + count);
  const pixels = bytes.slice(MNIST_HEADER_BYTES + count);
  return { pixels, labels, count };
}
