import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { createBench } from '@/lib/bench/create-bench';
import { readMnistFromDisk } from '@/lib/data/mnist-node';
import { createTestSession, type TestSession } from './node-session';

let session: TestSession;
afterAll(async () => {
  session?.runStore.close();
  await session?.tf.setBackend('cpu');
});

describe('bench.train on the wasm backend', () => {
  it('without the filter-gradient kernel, trains a conv net on cpu instead, records it, and switches back', async () => {
    readMnistFromDisk();
    session = await createTestSession();
    const { tf } = session;
    expect(await tf.setBackend('wasm')).toBe(true);
    const bench = createBench(session);
    const data = await bench.datasets.mnist({ trainSize: 64, testSize: 32, seed: 1, layout: 'image' });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const result = await bench.train({ model, data, epochs: 1, batchSize: 32, seed: 1 });
    expect(result.backend).toBe('cpu');
    expect((await session.runStore.getRun(result.runId))?.env.backend).toBe('cpu');
    expect(session.events.some((e) => e.type === 'output' && e.output.type === 'text' && /wasm cannot train this model \(TensorFlow.js has no Conv2D filter-gradient kernel on wasm\)/.test(e.output.text))).toBe(true);
    expect(tf.getBackend()).toBe('wasm');

    const mlp = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    const dense = await bench.train({ model: mlp, data, epochs: 1, batchSize: 32, seed: 1 });
    expect(dense.backend).toBe('wasm');
  });
});
