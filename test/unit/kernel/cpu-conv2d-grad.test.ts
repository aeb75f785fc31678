import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFastCpuConv2dBackpropFilter } from '@/lib/kernel/cpu-conv2d-grad';

const rnd = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);

/** The filter gradient of sum(conv2d(x, w) · k) for fixed random x, w, k. */
function filterGradient(xShape: [number, number, number, number], wShape: [number, number, number, number], strides: number, pad: 'same' | 'valid'): { shape: number[]; values: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor4d(rnd(xShape.reduce((a, b) => a * b), 1), xShape);
    const w = tf.tensor4d(rnd(wShape.reduce((a, b) => a * b), 2), wShape);
    const k = tf.tidy(() => tf.conv2d(x, w, strides, pad)).shape;
    const weights = tf.tensor(rnd(k.reduce((a, b) => a * b), 3), k);
    const grad = tf.grad((filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, strides, pad).mul(weights).sum())(w);
    return { shape: grad.shape, values: grad.dataSync() as Float32Array };
  });
}

const CASES: [[number, number, number, number], [number, number, number, number], number, 'same' | 'valid'][] = [
  [[2, 7, 6, 3], [3, 3, 3, 4], 1, 'same'],
  [[2, 7, 6, 3], [3, 2, 3, 4], 1, 'valid'],
  [[1, 9, 8, 2], [3, 3, 2, 5], 2, 'same'],
  [[3, 10, 9, 4], [5, 4, 4, 2], 3, 'valid'],
];

describe('Conv2DBackpropFilter on cpu', () => {
  let tfjs: { shape: number[]; values: Float32Array }[];
  beforeAll(async () => {
    await tf.setBackend('cpu');
    tfjs = CASES.map((c) => filterGradient(...c)); // tfjs's own kernel, before registering ours
    registerFastCpuConv2dBackpropFilter(tf);
    registerFastCpuConv2dBackpropFilter(tf); // twice: still one kernel, not one wrapping the other
  });

  it("agrees with tfjs's own kernel for same/valid padding and strides 1, 2, 3", () => {
    CASES.forEach((c, i) => {
      const ours = filterGradient(...c);
      expect(ours.shape).toEqual(tfjs[i].shape);
      ours.values.forEach((v, j) => expect(v).toBeCloseTo(tfjs[i].values[j], 4));
    });
  });

  it('takes about as long as the forward convolution: the image template\'s second layer on a batch of 16', () => {
    // tfjs's kernel took ~5 s per call for this shape here (TensorBuffer.get per element).
    const x = tf.randomNormal([16, 16, 16, 16], 0, 1, 'float32', 1) as tf.Tensor4D;
    const dy = tf.randomNormal([16, 16, 16, 32], 0, 1, 'float32', 2) as tf.Tensor4D;
    const started = performance.now();
    (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] }) as tf.Tensor).dispose();
    expect(performance.now() - started).toBeLessThan(1_500);
    tf.dispose([x, dy]);
  });
});
