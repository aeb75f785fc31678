import { describe, expect, it } from 'vitest';
import { loadMnist, MNIST_PIXELS, splitMnist } from '@/lib/data/mnist';
import { readMnistFromDisk } from '@/lib/data/mnist-node';

readMnistFromDisk();

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
