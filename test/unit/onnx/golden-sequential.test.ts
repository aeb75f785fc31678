import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '@/lib/onnx';
import fixture from './fixtures/sequential-cases.json';
import { OnnxChecker } from './onnx-checker';
import { countOps, decode, fakeQuantizeWeights, maxAbsDiff, opTypes, predict, runOnnx, seededInput, seedWeights, useCpuBackend } from './helpers';

/**
 * Golden tests as data: every case in fixtures/sequential-cases.json is built with seeded
 * weights, exported fp32 and int8, run in onnxruntime-web and compared with tfjs's predict.
 * fp32 must match within 1e-5; int8 must match tfjs running the int8-rounded weights (so a wrong
 * axis or scale fails, not just a large error).
 */
interface LayerSpec {
  type: string;
  [option: string]: unknown;
}
interface Case {
  name: string;
  input: number[];
  layers: LayerSpec[];
  dtype?: 'int32' | 'float32-int';
  intMax?: number;
  inputScale?: number;
  expect?: { transposes?: number; ops?: string[]; noOps?: string[] };
}

const BATCH = 3;
const cases = (fixture as { cases: Case[] }).cases;

function layerOf({ type, ...config }: LayerSpec): tf.layers.Layer {
  const factory = (tf.layers as unknown as Record<string, (c: unknown) => tf.layers.Layer>)[type];
  if (!factory) throw new Error(`fixture: tf.layers.${type} does not exist`);
  return factory(config);
}

function build(c: Case): tf.LayersModel {
  if (c.dtype === 'int32') {
    const input = tf.input({ shape: c.input, dtype: 'int32' });
    let x: tf.SymbolicTensor = input;
    for (const spec of c.layers) x = layerOf(spec).apply(x) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: x });
  }
  const [first, ...rest] = c.layers;
  return tf.sequential({ layers: [layerOf({ ...first, inputShape: c.input }), ...rest.map(layerOf)] });
}

function inputFor(c: Case, seed: number): tf.Tensor {
  const shape = [BATCH, ...c.input];
  if (c.dtype === 'int32') return seededInput(shape, seed, { dtype: 'int32', intMax: c.intMax });
  if (c.dtype === 'float32-int') return seededInput(shape, seed, { dtype: 'int32', intMax: c.intMax }).toFloat();
  return seededInput(shape, seed, { scale: c.inputScale ?? 1 });
}

const checker = new OnnxChecker();

beforeAll(async () => {
  await useCpuBackend();
});

describe('golden: sequential layer cases', () => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const model = build(c);
    seedWeights(model, 1000 + i);
    const x = inputFor(c, 2000 + i);

    const expected = await predict(model, [x]);
    const fp32 = await exportOnnx(model, { quantize: 'none' });
    checker.add(`${c.name} fp32`, fp32);
    const fp32Out = await runOnnx(fp32, [x]);
    expect(fp32Out[0].length).toBe(expected[0].length);
    expect(maxAbsDiff(fp32Out, expected)).toBeLessThanOrEqual(1e-5);

    const decoded = decode(fp32);
    const ops = opTypes(decoded);
    if (c.expect?.transposes !== undefined) expect(countOps(decoded, 'Transpose'), `ops: ${ops.join(' ')}`).toBe(c.expect.transposes);
    for (const op of c.expect?.ops ?? []) expect(ops).toContain(op);
    for (const op of c.expect?.noOps ?? []) expect(ops).not.toContain(op);

    const int8 = await exportOnnx(model, { quantize: 'int8' });
    checker.add(`${c.name} int8`, int8);
    const int8Out = await runOnnx(int8, [x]);
    fakeQuantizeWeights(model);
    const expectedInt8 = await predict(model, [x]);
    expect(maxAbsDiff(int8Out, expectedInt8)).toBeLessThanOrEqual(1e-5);
    x.dispose();
    model.dispose();
  });

  it('every exported file passes onnx.checker (full_check) and strict shape inference', async () => {
    expect(checker.count).toBe(2 * cases.length);
    expect(await checker.run()).toEqual([]);
  });
});
