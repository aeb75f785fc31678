import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { createBench } from '@/lib/bench/create-bench';
import { readMnistFromDisk } from '@/lib/data/mnist-node';
import { registerWasmConv2dBackpropFilter, wasmCanTrain } from '@/lib/kernel/wasm-conv2d-grad';
import { createTestSession } from '../bench/node-session';

afterAll(() => tf.setBackend('cpu'));

const rnd = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);

/** Input and filter gradients of sum(conv2d(x, w)²) on `backend`. */
async function gradients(backend: string, pad: 'same' | 'valid') {
  await tf.setBackend(backend);
  const [gx, gw] = tf.grads((...t: tf.Tensor[]) => tf.conv2d(t[0] as tf.Tensor4D, t[1] as tf.Tensor4D, 1, pad).square().sum())([
    tf.tensor4d(rnd(2 * 7 * 6 * 3, 1), [2, 7, 6, 3]),
    tf.tensor4d(rnd(3 * 2 * 3 * 4, 2), [3, 2, 3, 4]),
  ]);
  return [Array.from(await gx.data()), Array.from(await gw.data())];
}

describe('Conv2DBackpropFilter on wasm', () => {
  it('matches the cpu backend for same and valid padding', async () => {
    await tf.setBackend('wasm');
    expect(registerWasmConv2dBackpropFilter(tf)).toBe(true);
    for (const pad of ['same', 'valid'] as const) {
      const [onWasm, onCpu] = [await gradients('wasm', pad), await gradients('cpu', pad)];
      for (let k = 0; k < 2; k++) {
        expect(onWasm[k]).toHaveLength(onCpu[k].length);
        onWasm[k].forEach((v, i) => expect(v).toBeCloseTo(onCpu[k][i], 4));
      }
    }
  });

  it('refuses strides and explicit padding, and wasmCanTrain routes such models to cpu', async () => {
    await tf.setBackend('wasm');
    registerWasmConv2dBackpropFilter(tf);
    const x = tf.ones([1, 4, 4, 1]);
    const dy = tf.ones([1, 2, 2, 1]);
    const run = (attrs: object) => () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { dataFormat: 'NHWC', filterShape: [3, 3, 1, 1], ...attrs });
    expect(run({ strides: 2, pad: 'same' })).toThrow(/stride 1 only/);
    expect(run({ strides: 1, pad: 1 })).toThrow(/'same' or 'valid' padding only/);
    const conv = (strides: number) => tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, strides }), tf.layers.flatten()] });
    expect(wasmCanTrain(tf, conv(1))).toEqual({ ok: true });
    expect(wasmCanTrain(tf, conv(2))).toMatchObject({ ok: false, reason: expect.stringMatching(/strides \[2, 2\]/) });
    const depthwise = tf.sequential({ layers: [tf.layers.depthwiseConv2d({ inputShape: [8, 8, 1], kernelSize: 3 })] });
    expect(wasmCanTrain(tf, depthwise)).toMatchObject({ ok: false, reason: expect.stringMatching(/DepthwiseConv2D/) });
  });

  it('bench.train trains a CNN on wasm itself once the kernel is registered', async () => {
    readMnistFromDisk();
    const session = await createTestSession();
    await tf.setBackend('wasm');
    registerWasmConv2dBackpropFilter(tf);
    const bench = createBench(session);
    const data = await bench.datasets.mnist({ trainSize: 256, testSize: 64, seed: 1, layout: 'image' });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const result = await bench.train({ model, data, epochs: 3, batchSize: 32, seed: 1 });
    expect(result.backend).toBe('wasm');
    expect(result.history[2]['train/loss']).toBeLessThan(result.history[0]['train/loss']);
    session.runStore.close();
  });
});
