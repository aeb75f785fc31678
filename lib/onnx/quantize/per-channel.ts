/**
 * Symmetric int8 quantization per channel along `axis`: scale = max|w| / 127, zero point 0,
 * q = round(w / scale) in [-127, 127]. The scale is rounded to float32 before dividing, so
 * q * scale is exactly what DequantizeLinear computes at run time.
 */
export interface QuantizedWeight {
  q: Int8Array;
  scales: Float32Array;
}

export function quantizeSymmetricPerChannel(data: Float32Array, dims: number[], axis: number): QuantizedWeight {
  const channels = dims[axis];
  const inner = dims.slice(axis + 1).reduce((n, d) => n * d, 1);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c], Math.abs(data[i]));
  }
  // An all-zero channel quantizes to zeros with any scale; 1 keeps the division finite.
  const scales = Float32Array.from(maxAbs, (m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Math.round(data[i] / scales[channelOf(i)]);
    q[i] = Math.max(-127, Math.min(127, v));
  }
  return { q, scales };
}

/** The same with one scale for the whole tensor (max |w| / 127). */
export function quantizeSymmetricPerTensor(data: Float32Array): QuantizedWeight {
  return quantizeSymmetricPerChannel(data, [1, data.length], 0);
}

/** Asymmetric uint8 parameters for an activation range; the range always contains 0 (ONNX requires 0 be exact). */
export function uint8Params(min: number, max: number): { scale: number; zeroPoint: number } {
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  const scale = Math.fround(hi > lo ? (hi - lo) / 255 : 1);
  const zeroPoint = Math.max(0, Math.min(255, Math.round(-lo / scale)));
  return { scale, zeroPoint };
}
