import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerFastTileGradient } from '@/lib/kernel/tile-grad';

/** d/dx sum(tile(x, reps) · w): each x element collects the w of every copy of it (computed by index). */
function reference(shape: number[], reps: number[], w: tf.Tensor): number[] {
  const out = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  const tiled = shape.map((d, i) => d * reps[i]);
  const values = w.dataSync();
  values.forEach((v, flat) => {
    let rest = flat;
    let source = 0;
    let stride = 1;
    for (let axis = tiled.length - 1; axis >= 0; axis--) {
      const at = rest % tiled[axis];
      rest = Math.floor(rest / tiled[axis]);
      source += (at % shape[axis]) * stride;
      stride *= shape[axis];
    }
    out[source] += v;
  });
  return out;
}

describe('Tile gradient as a sum per tiled axis', () => {
  it('matches the definition for the tilings layer normalization uses and others', async () => {
    await tf.setBackend('cpu');
    registerFastTileGradient(tf);
    const cases: [number[], number[]][] = [[[2, 3, 1], [1, 1, 4]], [[1, 1, 5], [3, 2, 1]], [[2, 3], [2, 3]], [[4], [3]], [[2, 1, 3, 1], [1, 2, 2, 3]]];
    for (const [shape, reps] of cases) {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 7);
      const w = tf.randomNormal(shape.map((d, i) => d * reps[i]), 0, 1, 'float32', 9);
      const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.tile(v, reps), w)))(x);
      expect(grad.shape).toEqual(shape);
      const want = reference(shape, reps, w);
      Array.from(grad.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(want[i], 5));
      tf.dispose([x, w, grad]);
    }
  });

  it('runs a handful of kernels, not a slice and an add per repetition (the built-in ran ~64 here)', async () => {
    await tf.setBackend('cpu');
    registerFastTileGradient(tf);
    const x = tf.ones([32, 64, 1]);
    const profile = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(tf.tile(v, [1, 1, 32])))(x));
    expect(profile.kernels.length).toBeLessThan(12);
    x.dispose();
  });
});
