import * as tf from '@tensorflow/tfjs';
import type { InputBatch } from './ort-runtime';

/**
 * Turns tensors (batch first) into per-batch input lists for onnxruntime and tfjs: batches[b][i]
 * is batch b of model input i. Values are read once; batches are views, not copies.
 */
export async function tensorBatches(x: tf.Tensor | tf.Tensor[], batchSize: number): Promise<InputBatch[][]> {
  const xs = Array.isArray(x) ? x : [x];
  if (xs.length === 0) throw new Error('sample: no input tensors');
  const count = xs[0].shape[0];
  xs.forEach((t, i) => {
    if (t.shape[0] !== count) throw new Error(`sample: input ${i} has ${t.shape[0]} rows, input 0 has ${count}`);
  });
  const flat = await Promise.all(
    xs.map(async (t) => (t.dtype === 'int32' ? Int32Array.from(await t.data()) : t.dtype === 'float32' ? Float32Array.from(await t.data()) : Float32Array.from(await t.data(), Number))),
  );
  const batches: InputBatch[][] = [];
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    batches.push(
      xs.map((t, i) => {
        const row = t.shape.slice(1).reduce((a, d) => a * d, 1);
        return { data: flat[i].subarray(start * row, (start + n) * row), dims: [n, ...t.shape.slice(1)] };
      }),
    );
  }
  return batches;
}

/** Samples given as one flat Float32Array each, stacked into batches for a single-input model. */
export function stackSamples(samples: Float32Array[], sampleShape: (number | null)[], batchSize: number): InputBatch[][] {
  if (sampleShape.some((d) => d === null)) throw new Error(`calibration: the model input shape [${sampleShape.join(', ')}] has unknown dims; pass a tf.Tensor instead`);
  const dims = sampleShape as number[];
  const row = dims.reduce((a, d) => a * d, 1);
  samples.forEach((s, i) => {
    if (s.length !== row) throw new Error(`calibration: sample ${i} has ${s.length} values, the model input [${dims.join(', ')}] needs ${row}`);
  });
  const batches: InputBatch[][] = [];
  for (let start = 0; start < samples.length; start += batchSize) {
    const chunk = samples.slice(start, start + batchSize);
    const data = new Float32Array(chunk.length * row);
    chunk.forEach((s, i) => data.set(s, i * row));
    batches.push([{ data, dims: [chunk.length, ...dims] }]);
  }
  return batches;
}

/** A tfjs tensor per model input for one batch (caller disposes). */
export function batchTensors(batch: InputBatch[]): tf.Tensor[] {
  return batch.map((b) => tf.tensor(b.data, b.dims, b.data instanceof Int32Array ? 'int32' : 'float32'));
}
