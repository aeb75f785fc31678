import { expectedInputText, SERVING_LIMITS, type ExpectedInput, type PredictTensor } from '@/lib/serving/api';
import { HttpError } from '../http/errors';

/**
 * Request tensors checked against what the model's inputs expect, as plain typed arrays (no
 * onnxruntime types here, so batching and validation are testable on their own). Every refusal
 * is a 400 naming the input, the dims and the dtype the model expects.
 */

export type InputDtype = 'float32' | 'float64' | 'int32' | 'int64' | 'int8' | 'uint8';
export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Int8Array | Uint8Array;

export interface HostTensor {
  dtype: InputDtype;
  dims: number[];
  data: TensorData;
}

const SUPPORTED: readonly InputDtype[] = ['float32', 'float64', 'int32', 'int64', 'int8', 'uint8'];

export function isSupportedDtype(t: string): t is InputDtype {
  return (SUPPORTED as readonly string[]).includes(t);
}

/** Bytes per element of each dtype a binary body may carry. */
export const DTYPE_BYTES: Record<InputDtype, number> = { float32: 4, float64: 8, int32: 4, int64: 8, int8: 1, uint8: 1 };

const INTEGER_RANGE: Partial<Record<InputDtype, [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int8: [-128, 127],
  uint8: [0, 255],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export function mismatch(expected: ExpectedInput, got: string): HttpError {
  return new HttpError(400, 'bad_request', `input ${expectedInputText(expected)} expected; got ${got}`, `inputs.${expected.name}`);
}

/** Dims of a rectangular nested array, or why it is not one. */
function nestedDims(value: unknown, expected: ExpectedInput): number[] {
  const dims: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    dims.push(level.length);
    if (dims.length > SERVING_LIMITS.inputRank) throw mismatch(expected, `an array nested more than ${SERVING_LIMITS.inputRank} levels deep`);
    if (level.length === 0) break;
    level = level[0];
  }
  return dims;
}

function flatten(value: unknown, dims: number[], expected: ExpectedInput): number[] {
  const out: number[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth === dims.length) {
      if (typeof v !== 'number') throw mismatch(expected, `a ${Array.isArray(v) ? 'ragged array' : typeof v} where a number belongs`);
      out.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== dims[depth]) throw mismatch(expected, `a ragged array (not every row has ${dims[depth]} entries at depth ${depth})`);
    for (const item of v) walk(item, depth + 1);
  };
  walk(value, 0);
  return out;
}

/** Checks dims against the model's (fixed dims equal; symbolic ones any size, the batch bounded). */
export function checkDims(dims: number[], expected: ExpectedInput): void {
  const got = `dims [${dims.join(', ')}]`;
  if (dims.length !== expected.dims.length) throw mismatch(expected, `${got} (rank ${dims.length}, not ${expected.dims.length})`);
  expected.dims.forEach((want, i) => {
    if (typeof want === 'number' && want >= 0 && dims[i] !== want) throw mismatch(expected, `${got} (axis ${i} must be ${want})`);
  });
  if (dims.length > 0 && dims[0] > SERVING_LIMITS.predictRows) throw mismatch(expected, `${got}: more than ${SERVING_LIMITS.predictRows} rows; the limit is ${SERVING_LIMITS.predictRows}`);
  if (dims.some((d) => d === 0)) throw mismatch(expected, `${got}: an empty tensor`);
}

export function typedFrom(values: number[], expected: ExpectedInput): TensorData {
  const dtype = expected.dtype as InputDtype;
  const range = INTEGER_RANGE[dtype];
  if (range) {
    const bad = values.findIndex((v) => !Number.isInteger(v) || v < range[0] || v > range[1]);
    if (bad >= 0) throw mismatch(expected, `${values[bad]} at flat index ${bad}, which is not a ${dtype}`);
  } else {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw mismatch(expected, `a non-finite value at flat index ${bad}`);
  }
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
      return Float64Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'int64':
      return BigInt64Array.from(values, (v) => BigInt(v));
    case 'int8':
      return Int8Array.from(values);
    case 'uint8':
      return Uint8Array.from(values);
  }
}

/** One JSON input (nested array or `{dims, data}`) → a checked host tensor. */
export function tensorFromJson(value: PredictTensor, expected: ExpectedInput): HostTensor {
  if (!isSupportedDtype(expected.dtype)) throw mismatch(expected, `a model input of dtype ${expected.dtype}, which the server cannot feed`);
  let dims: number[];
  let flat: number[];
  if (Array.isArray(value)) {
    dims = nestedDims(value, expected);
    checkDims(dims, expected);
    flat = flatten(value, dims, expected);
  } else {
    dims = value.dims;
    checkDims(dims, expected);
    const size = dims.reduce((a, d) => a * d, 1);
    if (value.data.length !== size) throw mismatch(expected, `${value.data.length} values for dims [${dims.join(', ')}] (which hold ${size})`);
    flat = value.data;
  }
  return { dtype: expected.dtype, dims, data: typedFrom(flat, expected) };
}

/** A little-endian binary body → a checked host tensor of the model's dtype. */
export function tensorFromBytes(bytes: Uint8Array, dims: number[], dtype: string, expected: ExpectedInput): HostTensor {
  if (dtype !== expected.dtype) throw mismatch(expected, `dtype ${dtype}`);
  if (!isSupportedDtype(dtype)) throw mismatch(expected, `a model input of dtype ${dtype}, which the server cannot feed`);
  checkDims(dims, expected);
  const size = dims.reduce((a, d) => a * d, 1);
  const width = DTYPE_BYTES[dtype];
  if (bytes.byteLength !== size * width) throw mismatch(expected, `${bytes.byteLength} body bytes for dims [${dims.join(', ')}] ${dtype} (which need ${size * width})`);
  // Copied to an aligned buffer: a body chunk's offset need not be a multiple of the width.
  const buffer = bytes.slice().buffer;
  const views = { float32: Float32Array, float64: Float64Array, int32: Int32Array, int64: BigInt64Array, int8: Int8Array, uint8: Uint8Array } as const;
  const data = new views[dtype](buffer);
  if ((dtype === 'float32' || dtype === 'float64') && !(data as Float32Array).every(Number.isFinite)) throw mismatch(expected, 'a non-finite value (NaN or Infinity) in the body');
  return { dtype, dims, data };
}
