import * as tf from '@tensorflow/tfjs';
import { createRng, gaussian } from '../../lib/data/rng';
import { exportOnnx, type QuantizeMode } from '../../lib/onnx';

/**
 * The MNIST templates' MLP and CNN (lib/bench/templates) with seeded weights, exported with the
 * project's exporter: the models bench:serve and the serving tests run. Seeded, not trained:
 * serving cost depends on the graph, not on what the weights learned.
 */

export type MnistModelName = 'mnist-mlp' | 'mnist-cnn';

/** Input names are fixed by the first layer's name (`<layer>_input`). */
export const MNIST_INPUT_NAME: Record<MnistModelName, string> = { 'mnist-mlp': 'hidden_input', 'mnist-cnn': 'conv1_input' };

export const MNIST_INPUT_DIMS: Record<MnistModelName, number[]> = { 'mnist-mlp': [784], 'mnist-cnn': [28, 28, 1] };

function build(name: MnistModelName): tf.LayersModel {
  if (name === 'mnist-mlp') {
    return tf.sequential({ layers: [tf.layers.dense({ name: 'hidden', inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ name: 'probs', units: 10, activation: 'softmax' })] });
  }
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ name: 'conv1', inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ name: 'probs', units: 10, activation: 'softmax' }),
    ],
  });
}

function seed(model: tf.LayersModel, seedValue: number): void {
  const rng = createRng(seedValue);
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, d) => a * d, 1);
    const fanIn = shape.length >= 2 ? size / shape[shape.length - 1] : 1;
    return tf.tensor(Float32Array.from({ length: size }, () => (shape.length >= 2 ? gaussian(rng) / Math.sqrt(fanIn) : 0)), shape);
  });
  model.setWeights(values);
  values.forEach((t) => t.dispose());
}

/** ONNX bytes of a seeded MNIST model (int8 weights by default), from tfjs on the cpu backend. */
export async function mnistOnnx(name: MnistModelName, opts: { quantize?: QuantizeMode; seed?: number } = {}): Promise<Uint8Array> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  const model = build(name);
  try {
    seed(model, opts.seed ?? 1);
    return await exportOnnx(model, { quantize: opts.quantize ?? 'int8', runId: `seeded-${name}` });
  } finally {
    model.dispose();
  }
}
