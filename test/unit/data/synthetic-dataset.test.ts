import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDatasets } from '@/lib/bench/datasets';
import { readMnistFromDisk } from '@/lib/data/mnist-node';

const datasets = createDatasets(tf);
beforeAll(async () => {
  await tf.setBackend('cpu');
  readMnistFromDisk();
});

describe('bench.datasets', () => {
  it('synthetic sets: shapes, split, labels and a stable fingerprint per seed', async () => {
    for (const name of ['spirals', 'circles', 'xor', 'gaussians'] as const) {
      const a = await datasets[name]({ n: 100, seed: 5, validationSplit: 0.25, noise: 0.2 });
      const b = await datasets[name]({ n: 100, seed: 5, validationSplit: 0.25, noise: 0.2 });
      const c = await datasets[name]({ n: 100, seed: 6, validationSplit: 0.25, noise: 0.2 });
      expect(a.train.x.shape).toEqual([75, 2]);
      expect(a.train.y.shape).toEqual([75, 1]);
      expect(a.validation.x.shape).toEqual([25, 2]);
      expect(a.info).toMatchObject({ name, inputShape: [2], numClasses: 2, trainSize: 75, validationSize: 25, target: 'binary' });
      expect(a.fingerprint).toBe(b.fingerprint);
      expect(a.fingerprint).not.toBe(c.fingerprint);
      expect(Array.from(await a.train.x.data())).toEqual(Array.from(await b.train.x.data()));
      const labels = new Set(await a.train.y.data());
      expect([...labels].sort()).toEqual([0, 1]);
      [a, b, c].forEach((d) => d.dispose());
    }
  });

  it('synthetic sets reject bad options with the parameter name', async () => {
    await expect(datasets.spirals({ validationSplit: 1 })).rejects.toThrow(/validationSplit must be in \[0, 1\)/);
    await expect(datasets.circles({ noise: 2 })).rejects.toThrow(/noise must be between 0 and 1/);
  });

  it('mnist: flat and image layouts, one-hot targets, fingerprint includes the layout', async () => {
    const flat = await datasets.mnist({ trainSize: 300, testSize: 100, seed: 2 });
    const image = await datasets.mnist({ trainSize: 300, testSize: 100, seed: 2, layout: 'image' });
    expect(flat.train.x.shape).toEqual([300, 784]);
    expect(image.train.x.shape).toEqual([300, 28, 28, 1]);
    expect(flat.train.y.shape).toEqual([300, 10]);
    expect(Array.from(await flat.train.y.sum(1).data()).every((v) => v === 1)).toBe(true);
    const max = (await flat.train.x.max().data())[0];
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
    expect(flat.fingerprint).not.toBe(image.fingerprint);
    expect(flat.info).toMatchObject({ name: 'mnist', numClasses: 10, target: 'one-hot', inputShape: [784] });
    flat.dispose();
    image.dispose();
  });
});
