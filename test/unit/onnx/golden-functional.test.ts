import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '@/lib/onnx';
import { OnnxChecker } from './onnx-checker';
import { countOps, decode, fakeQuantizeWeights, maxAbsDiff, predict, runOnnx, seededInput, seedWeights, useCpuBackend } from './helpers';

/**
 * Functional models (tf.model): several inputs and outputs, branches that merge, a shared layer,
 * NCHW values flowing through merges. Each case: seeded weights, fp32 and int8 vs tfjs.
 */
interface FunctionalCase {
  name: string;
  build: () => tf.LayersModel;
  inputs: { shape: number[]; dtype?: 'int32'; intMax?: number }[];
  transposes?: number;
}

const L = tf.layers;
const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;

const CASES: FunctionalCase[] = [
  {
    name: 'two inputs (image + vector), two outputs',
    inputs: [{ shape: [7, 9, 2] }, { shape: [5] }],
    build: () => {
      const img = tf.input({ shape: [7, 9, 2], name: 'image' });
      const vec = tf.input({ shape: [5], name: 'features' });
      const conv = apply(L.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), img);
      const flat = apply(L.flatten(), conv);
      const both = apply(L.concatenate(), [flat, apply(L.dense({ units: 4, activation: 'tanh' }), vec)]);
      const probs = apply(L.dense({ units: 3, activation: 'softmax', name: 'probs' }), both);
      const value = apply(L.dense({ units: 1, name: 'value' }), both);
      return tf.model({ inputs: [img, vec], outputs: [probs, value] });
    },
  },
  {
    name: 'residual block stays NCHW (one Transpose)',
    inputs: [{ shape: [8, 8, 3] }],
    transposes: 1,
    build: () => {
      const x = tf.input({ shape: [8, 8, 3] });
      const a = apply(L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }), x);
      const b = apply(L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }), a);
      const sum = apply(L.add(), [a, b]);
      const bn = apply(L.batchNormalization(), apply(L.activation({ activation: 'relu' }), sum));
      const pooled = apply(L.globalAveragePooling2d({}), bn);
      return tf.model({ inputs: x, outputs: apply(L.dense({ units: 5, activation: 'softmax' }), pooled) });
    },
  },
  {
    name: 'concatenate conv branches on channels, flatten folded into dense',
    inputs: [{ shape: [9, 7, 2] }],
    transposes: 1,
    build: () => {
      const x = tf.input({ shape: [9, 7, 2] });
      const a = apply(L.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }), x);
      const b = apply(L.separableConv2d({ filters: 2, kernelSize: 3, padding: 'same' }), x);
      const cat = apply(L.concatenate({ axis: -1 }), [a, b]);
      const pooled = apply(L.maxPooling2d({ poolSize: 2 }), cat);
      return tf.model({ inputs: x, outputs: apply(L.dense({ units: 4 }), apply(L.flatten(), pooled)) });
    },
  },
  {
    name: 'concatenate NHWC input with NCHW conv output (mixed layouts)',
    inputs: [{ shape: [5, 6, 2] }],
    build: () => {
      const x = tf.input({ shape: [5, 6, 2] });
      const a = apply(L.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }), x);
      return tf.model({ inputs: x, outputs: apply(L.concatenate(), [x, a]) });
    },
  },
  {
    name: 'merge layers: multiply, average, maximum, minimum',
    inputs: [{ shape: [6] }, { shape: [6] }],
    transposes: 0,
    build: () => {
      const p = tf.input({ shape: [6] });
      const q = tf.input({ shape: [6] });
      const a = apply(L.dense({ units: 4 }), p);
      const b = apply(L.dense({ units: 4 }), q);
      const c = apply(L.dense({ units: 4, activation: 'sigmoid' }), p);
      const outs = [L.multiply(), L.average(), L.maximum(), L.minimum()].map((m) => apply(m, [a, b, c]));
      return tf.model({ inputs: [p, q], outputs: outs });
    },
  },
  {
    name: 'shared dense layer called twice (siamese)',
    inputs: [{ shape: [5] }, { shape: [5] }],
    build: () => {
      const p = tf.input({ shape: [5] });
      const q = tf.input({ shape: [5] });
      const shared = L.dense({ units: 3, activation: 'relu' });
      return tf.model({ inputs: [p, q], outputs: apply(L.add(), [apply(shared, p), apply(shared, q)]) });
    },
  },
  {
    name: 'conv output returned directly (transposed back to NHWC)',
    inputs: [{ shape: [6, 5, 2] }],
    transposes: 2,
    build: () => {
      const x = tf.input({ shape: [6, 5, 2] });
      return tf.model({ inputs: x, outputs: apply(L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }), x) });
    },
  },
  {
    name: 'output is the input through dropout (Identity)',
    inputs: [{ shape: [4] }],
    build: () => {
      const x = tf.input({ shape: [4] });
      return tf.model({ inputs: x, outputs: apply(L.dropout({ rate: 0.3 }), x) });
    },
  },
  {
    name: 'two outputs from one NCHW value and a flatten',
    inputs: [{ shape: [6, 6, 1] }],
    build: () => {
      const x = tf.input({ shape: [6, 6, 1] });
      const c = apply(L.conv2d({ filters: 2, kernelSize: 3 }), x);
      return tf.model({ inputs: x, outputs: [c, apply(L.flatten(), c), apply(L.dense({ units: 2 }), apply(L.flatten(), c))] });
    },
  },
  {
    name: 'embedding tokens + dense side input',
    inputs: [{ shape: [4], dtype: 'int32', intMax: 9 }, { shape: [3] }],
    build: () => {
      const tokens = tf.input({ shape: [4], dtype: 'int32' });
      const side = tf.input({ shape: [3] });
      const e = apply(L.flatten(), apply(L.embedding({ inputDim: 9, outputDim: 3 }), tokens));
      return tf.model({ inputs: [tokens, side], outputs: apply(L.dense({ units: 2, activation: 'softmax' }), apply(L.concatenate(), [e, side])) });
    },
  },
];

const checker = new OnnxChecker();

beforeAll(async () => {
  await useCpuBackend();
});

describe('golden: functional models', () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const model = c.build();
    seedWeights(model, 500 + i);
    const xs = c.inputs.map((spec, k) => seededInput([3, ...spec.shape], 600 + 10 * i + k, { dtype: spec.dtype, intMax: spec.intMax }));
    const expected = await predict(model, xs);

    const fp32 = await exportOnnx(model, { quantize: 'none' });
    checker.add(`${c.name} fp32`, fp32);
    const decoded = decode(fp32);
    expect(decoded.graph?.input?.length).toBe(c.inputs.length);
    expect(decoded.graph?.output?.length).toBe(model.outputs.length);
    expect(maxAbsDiff(await runOnnx(fp32, xs), expected)).toBeLessThanOrEqual(1e-5);
    if (c.transposes !== undefined) expect(countOps(decoded, 'Transpose')).toBe(c.transposes);

    const int8 = await exportOnnx(model, { quantize: 'int8' });
    checker.add(`${c.name} int8`, int8);
    const int8Out = await runOnnx(int8, xs);
    fakeQuantizeWeights(model);
    expect(maxAbsDiff(int8Out, await predict(model, xs))).toBeLessThanOrEqual(1e-5);
    xs.forEach((x) => x.dispose());
    model.dispose();
  });

  it('every exported file passes onnx.checker (full_check) and strict shape inference', async () => {
    expect(checker.count).toBe(2 * CASES.length);
    expect(await checker.run()).toEqual([]);
  });
});
