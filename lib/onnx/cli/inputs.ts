import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../data/rng';

/**
 * Inputs for the command line's verification and calibration: a file of real samples, or seeded
 * random ones when none is given.
 */

function flattenNested(value: unknown, out: number[], where: string): void {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v, i) => flattenNested(v, out, `${where}[${i}]`));
  else throw new Error(`${where}: expected numbers or arrays, got ${JSON.stringify(value)}`);
}

/**
 * Reads samples for a single-input model with per-sample shape `sampleShape`:
 * `.json` = an array of samples (each flat or nested) or `{ "x": [...] }`; `.bin` = raw
 * little-endian float32, samples back to back.
 */
export async function readSamplesFile(file: string, sampleShape: number[]): Promise<tf.Tensor> {
  const row = sampleShape.reduce((a, d) => a * d, 1);
  const raw = await readFile(file).catch((e: Error) => Promise.reject(new Error(`calibration: cannot read ${file}: ${e.message}`)));
  let values: Float32Array;
  if (file.endsWith('.bin')) {
    if (raw.length % 4 !== 0) throw new Error(`calibration: ${file} has ${raw.length} bytes, not a whole number of float32 values`);
    values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  } else if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw new Error(`calibration: ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const samples = Array.isArray(parsed) ? parsed : (parsed as { x?: unknown })?.x;
    if (!Array.isArray(samples)) throw new Error(`calibration: ${file} must hold an array of samples or { "x": [...] }`);
    const flat: number[] = [];
    samples.forEach((s, i) => {
      const before = flat.length;
      flattenNested(s, flat, `${file} sample ${i}`);
      if (flat.length - before !== row) throw new Error(`calibration: ${file} sample ${i} has ${flat.length - before} values; the model input [${sampleShape.join(', ')}] needs ${row}`);
    });
    values = Float32Array.from(flat);
  } else {
    throw new Error(`calibration: ${file} must end in .json or .bin`);
  }
  if (values.length === 0 || values.length % row !== 0) {
    throw new Error(`calibration: ${file} has ${values.length} values, not a whole number of samples of ${row} ([${sampleShape.join(', ')}])`);
  }
  return tf.tensor(values, [values.length / row, ...sampleShape]);
}

/** Labels file: a JSON array of class indices or one-hot rows. */
export async function readLabelsFile(file: string): Promise<tf.Tensor> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`labels: ${file} must be a JSON array of class indices or one-hot rows`);
  const flat: number[] = [];
  flattenNested(parsed, flat, file);
  return Array.isArray(parsed[0]) ? tf.tensor2d(flat, [parsed.length, flat.length / parsed.length]) : tf.tensor1d(flat, 'int32');
}

/**
 * Seeded random inputs per model input, of the per-sample `shapes` (input-shapes.ts): uniform
 * [0, 1) for float inputs (pixel-like), integers below the smallest Embedding vocabulary (or 10)
 * for int32 inputs.
 */
export function randomInputs(model: tf.LayersModel, count: number, seed: number, shapes: number[][]): tf.Tensor[] {
  const rng = createRng(seed);
  const vocab = Math.min(10, ...model.layers.filter((l) => l.getClassName() === 'Embedding').map((l) => Number(l.getConfig().inputDim)));
  return model.inputs.map((input, i) => {
    const dims = [count, ...shapes[i]];
    const size = dims.reduce((a, d) => a * d, 1);
    if (input.dtype === 'int32') return tf.tensor(Int32Array.from({ length: size }, () => Math.floor(rng() * vocab)), dims, 'int32');
    return tf.tensor(Float32Array.from({ length: size }, rng), dims);
  });
}
