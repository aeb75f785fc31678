import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { createRng, gaussian } from '@/lib/data/rng';

/**
 * Test helpers for the ONNX golden tests: seeded weights and inputs, onnxruntime-web runs, an
 * independent int8 fake-quantization of tfjs weights, and protobuf decoding with onnx-proto
 * (not our writer's code) for structure checks.
 */
export const { onnx } = onnxProto;
export type DecodedModel = ReturnType<typeof onnx.ModelProto.decode>;

ort.env.wasm.numThreads = 1;
export { ort };

let backendReady: Promise<boolean> | null = null;
export function useCpuBackend(): Promise<boolean> {
  backendReady ??= tf.setBackend('cpu');
  return backendReady;
}

/**
 * Replaces every weight with seeded values: kernels ~ N(0, 1/fan_in), biases and betas small,
 * gammas and variances in [0.5, 1.5] so batch norm stays well defined.
 */
export function seedWeights(model: tf.LayersModel, seed: number): void {
  const rng = createRng(seed);
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, d) => a * d, 1);
    const leaf = w.name.slice(w.name.lastIndexOf('/') + 1);
    const fanIn = shape.length >= 2 ? size / shape[shape.length - 1] : 1;
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      if (/moving_variance|gamma/.test(leaf)) data[i] = 0.5 + rng();
      else if (shape.length >= 2) data[i] = gaussian(rng) / Math.sqrt(fanIn);
      else data[i] = (rng() - 0.5) * 0.4;
    }
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  values.forEach((t) => t.dispose());
}

/** Seeded inputs: uniform in [-scale, scale), or integers in [0, intMax) for int32 inputs. */
export function seededInput(shape: number[], seed: number, opts: { scale?: number; intMax?: number; dtype?: 'float32' | 'int32' } = {}): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, d) => a * d, 1);
  if (opts.dtype === 'int32') return tf.tensor(Int32Array.from({ length: size }, () => Math.floor(rng() * (opts.intMax ?? 10))), shape, 'int32');
  const scale = opts.scale ?? 1;
  return tf.tensor(Float32Array.from({ length: size }, () => (rng() * 2 - 1) * scale), shape);
}

/** model.predict on `xs`, flat outputs. */
export async function predict(model: tf.LayersModel, xs: tf.Tensor[]): Promise<Float32Array[]> {
  const out = model.predict(xs.length === 1 ? xs[0] : xs);
  const outs = Array.isArray(out) ? out : [out];
  const data = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
  outs.forEach((t) => t.dispose());
  return data;
}

/** Runs ONNX bytes in onnxruntime-web (wasm), inputs in graph order, outputs in graph order. */
export async function runOnnx(bytes: Uint8Array, xs: tf.Tensor[]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [i, name] of session.inputNames.entries()) {
      const x = xs[i];
      feeds[name] = x.dtype === 'int32' ? new ort.Tensor('int32', Int32Array.from(await x.data()), x.shape) : new ort.Tensor('float32', Float32Array.from(await x.data()), x.shape);
    }
    const result = await session.run(feeds);
    return session.outputNames.map((n) => Float32Array.from(result[n].data as Float32Array));
  } finally {
    await session.release();
  }
}

export function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  a.forEach((xs, o) => {
    if (xs.length !== b[o].length) worst = Infinity;
    else for (let i = 0; i < xs.length; i++) worst = Math.max(worst, Math.abs(xs[i] - b[o][i]) || 0);
  });
  return worst;
}

/**
 * Which tfjs weights int8 export quantizes and how tfjs's axes group into output channels:
 * 'last' = one channel per index of the last axis; 'last2' = per (in, multiplier) pair of a
 * depthwise kernel; 'first' = per row (embedding tables). Written from the tfjs side, separately
 * from the exporter's ONNX-side table.
 */
const QUANTIZED_WEIGHTS: Record<string, Record<string, 'last' | 'last2' | 'first'>> = {
  Dense: { kernel: 'last' },
  Conv2D: { kernel: 'last' },
  DepthwiseConv2D: { depthwise_kernel: 'last2' },
  SeparableConv2D: { depthwise_kernel: 'last2', pointwise_kernel: 'last' },
  Embedding: { embeddings: 'first' },
};

/** Sets each quantized weight to its symmetric per-channel int8 round trip (what ONNX int8 computes with). */
export function fakeQuantizeWeights(model: tf.LayersModel): void {
  for (const layer of model.layers) {
    const rules = QUANTIZED_WEIGHTS[layer.getClassName()];
    if (!rules) continue;
    const values = layer.getWeights().map((t, i) => {
      const leaf = layer.weights[i].name.slice(layer.weights[i].name.lastIndexOf('/') + 1);
      const rule = rules[leaf];
      const data = Float32Array.from(t.dataSync());
      if (!rule) return tf.tensor(data, t.shape);
      const shape = t.shape;
      const last = shape[shape.length - 1];
      const channelOf =
        rule === 'last' ? (i: number) => i % last : rule === 'last2' ? (i: number) => i % (last * shape[shape.length - 2]) : (i: number) => Math.floor(i / (data.length / shape[0]));
      const maxAbs = new Map<number, number>();
      data.forEach((v, i) => maxAbs.set(channelOf(i), Math.max(maxAbs.get(channelOf(i)) ?? 0, Math.abs(v))));
      const out = data.map((v, i) => {
        const scale = Math.fround((maxAbs.get(channelOf(i)) ?? 0) / 127) || 1;
        return Math.fround(Math.max(-127, Math.min(127, Math.round(v / scale))) * scale);
      });
      return tf.tensor(out, shape);
    });
    layer.setWeights(values);
    values.forEach((t) => t.dispose());
  }
}

export function decode(bytes: Uint8Array): DecodedModel {
  return onnx.ModelProto.decode(bytes);
}

export function opTypes(model: DecodedModel): string[] {
  return (model.graph?.node ?? []).map((n) => n.opType ?? '');
}

export function countOps(model: DecodedModel, opType: string): number {
  return opTypes(model).filter((t) => t === opType).length;
}
