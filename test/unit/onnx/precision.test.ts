import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAndVerify, exportOnnx } from '@/lib/onnx';
import { DataType } from '@/lib/onnx/onnx-ir';
import { fromHalfBits, toHalfBits } from '@/lib/onnx/quantize/half';
import { decode, ort, seededInput, seedWeights, useCpuBackend } from './helpers';
import { OnnxChecker } from './onnx-checker';

/**
 * fp16 export (weights and activations in half precision, Cast at the float inputs/outputs) and
 * int8 weight scales per channel vs per tensor: each file runs in onnxruntime-web against tfjs and
 * goes through the official ONNX checker.
 */
const checker = new OnnxChecker();

/** Big enough (≈ 55k weights) that the weights, not the graph, make the file size. */
function cnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [20, 20, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 5, activation: 'softmax' }),
    ],
  });
}

beforeAll(async () => {
  await useCpuBackend();
});

describe('float16 bit patterns', () => {
  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [0.1, 0x2e66],
    [65504, 0x7bff],
    [65520, 0x7c00], // rounds past the largest half: Infinity
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -26, 0x0000], // below half of it: zero
    [1 + 2 ** -11, 0x3c00], // a tie rounds to even
    [1 + 3 * 2 ** -11, 0x3c02],
  ])('%f → 0x%s', (value, bits) => {
    expect(toHalfBits(value)).toBe(bits);
  });

  it('round-trips within half a unit in the last place', () => {
    for (const v of [0.333, -12.75, 1234.5, 6.1e-5, 3e-7]) {
      const back = fromHalfBits(toHalfBits(v));
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -25));
    }
  });
});

describe('fp16 export', () => {
  it('halves the file, keeps float32 inputs and outputs, and agrees with tfjs', async () => {
    const model = cnn();
    seedWeights(model, 31);
    const x = seededInput([64, 20, 20, 1], 32).abs();
    const { bytes, fp32Bytes, report } = await exportAndVerify(model, { quantize: 'fp16', sample: { x }, ort });
    expect(report.failures).toEqual([]);
    expect(report.models.map((m) => m.format)).toEqual(['fp32', 'fp16']);
    const fp16 = report.models[1];
    expect(fp16.top1Agreement).toBeGreaterThanOrEqual(0.99);
    expect(fp16.maxAbsDiff).toBeLessThan(5e-3);
    expect(bytes.length / fp32Bytes.length).toBeGreaterThan(0.45);
    expect(bytes.length / fp32Bytes.length).toBeLessThan(0.55);
    const graph = decode(bytes).graph!;
    expect(graph.input![0].type!.tensorType!.elemType).toBe(DataType.FLOAT);
    expect(graph.output![0].type!.tensorType!.elemType).toBe(DataType.FLOAT);
    expect(graph.initializer!.filter((t) => t.dataType === DataType.FLOAT)).toEqual([]);
    expect(graph.node![0].opType).toBe('Cast');
    expect(graph.node!.at(-1)!.opType).toBe('Cast');
    checker.add('cnn fp16', bytes);
    x.dispose();
  });
});

describe('int8 weight scales: per channel vs per tensor', () => {
  it('per-channel keeps channels of small weights exact where one scale per tensor loses them', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 6, activation: 'softmax' })] });
    seedWeights(model, 33);
    const [k, b] = model.getWeights();
    // Column 0's weights are 400× the others: a per-tensor scale leaves the rest ~1 step wide.
    const w = Float32Array.from(await k.data(), (v, i) => (i % 6 === 0 ? v * 400 : v));
    model.setWeights([tf.tensor(w, k.shape), b]);
    const x = seededInput([256, 16], 34);
    const channel = await exportAndVerify(model, { quantize: 'int8', sample: { x }, ort });
    const tensor = await exportAndVerify(model, { quantize: 'int8', weightScales: 'per-tensor', sample: { x }, ort });
    const scaleDims = (bytes: Uint8Array) => decode(bytes).graph!.initializer!.filter((t) => t.name!.endsWith('_scale')).map((t) => t.dims!.map(Number));
    expect(scaleDims(channel.bytes)).toEqual([[6]]);
    expect(scaleDims(tensor.bytes)).toEqual([[]]);
    // Measured: per-channel 99.2 % top-1 agreement (max |Δ| 0.22), per-tensor 81.3 % (0.37).
    expect(channel.report.models[1].maxAbsDiff).toBeLessThan(tensor.report.models[1].maxAbsDiff);
    expect(channel.report.models[1].top1Agreement!).toBeGreaterThanOrEqual(0.99);
    expect(tensor.report.models[1].top1Agreement!).toBeLessThan(0.9);
    checker.add('dense int8 per-channel', channel.bytes);
    checker.add('dense int8 per-tensor', tensor.bytes);
    x.dispose();
  });

  it('exportOnnx takes the same options', async () => {
    const model = cnn();
    seedWeights(model, 35);
    checker.add('cnn int8 per-tensor', await exportOnnx(model, { quantize: 'int8', weightScales: 'per-tensor' }));
    checker.add('cnn fp16', await exportOnnx(model, { quantize: 'fp16' }));
  });

  it('every file passes the official ONNX checker', async () => {
    expect(await checker.run()).toEqual([]);
  });
});
