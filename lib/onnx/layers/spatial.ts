import { attr } from '../graph-builder';
import type { AttributeValue } from '../onnx-ir';
import type { TensorRef } from '../tensor-ref';
import { configBool, configString, configTuple, requireChannelsLast } from './config';
import type { ConvertContext } from './types';

/**
 * Window geometry shared by Conv and Pool converters: TF 'same' becomes explicit pads with the
 * odd extra pixel at the end (bottom/right), as TensorFlow pads; 'valid' pads nothing.
 */
export interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padding: 'same' | 'valid';
}

export function readPadding(ctx: ConvertContext): Window['padding'] {
  const padding = configString(ctx, 'padding', 'valid');
  // Conv1D's 'causal' loads in tfjs 4.22 but does not run there (conv1dWithBias: not implemented), so nothing could verify it.
  if (padding !== 'same' && padding !== 'valid') return ctx.fail(`padding '${padding}' is not supported (same or valid)`);
  return padding;
}

/** The ONNX attributes for a window over the spatial dims of `input` (a tfjs channels-last shape). */
export function windowAttributes(ctx: ConvertContext, input: TensorRef, w: Window): Record<string, AttributeValue> {
  const n = w.kernel.length;
  const base: Record<string, AttributeValue> = { kernel_shape: attr.ints(w.kernel), strides: attr.ints(w.strides) };
  const effectiveKernel = (i: number) => (w.kernel[i] - 1) * w.dilations[i] + 1;
  if (w.padding === 'valid') return { ...base, pads: attr.ints(new Array(2 * n).fill(0)) };
  const spatial = input.shape.slice(1, -1);
  if (spatial.some((d) => d === null)) {
    // Unknown sizes: ONNX's SAME_UPPER puts the extra pixel at the end, as TF does.
    return { ...base, auto_pad: attr.string('SAME_UPPER') };
  }
  const begin: number[] = [];
  const end: number[] = [];
  spatial.forEach((size, i) => {
    const out = Math.ceil((size as number) / w.strides[i]);
    const total = Math.max((out - 1) * w.strides[i] + effectiveKernel(i) - (size as number), 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  });
  return { ...base, pads: attr.ints([...begin, ...end]) };
}

/** Conv-style geometry over `n` spatial dims from config keys kernelSize, strides, dilationRate, padding. */
export function convWindow(ctx: ConvertContext, n = 2): Window {
  requireChannelsLast(ctx);
  const ones = new Array(n).fill(1);
  return {
    kernel: configTuple(ctx, 'kernelSize', n),
    strides: configTuple(ctx, 'strides', n, ones),
    dilations: configTuple(ctx, 'dilationRate', n, ones),
    padding: readPadding(ctx),
  };
}

/** Pool geometry over `n` spatial dims from poolSize, strides (tfjs defaults strides to poolSize), padding. */
export function poolWindow(ctx: ConvertContext, n = 2): Window {
  requireChannelsLast(ctx);
  const kernel = configTuple(ctx, 'poolSize', n, new Array(n).fill(2));
  return { kernel, strides: configTuple(ctx, 'strides', n, kernel), dilations: new Array(n).fill(1), padding: readPadding(ctx) };
}

/**
 * tfjs conv kernel [...k, in, out] → ONNX [out, in, ...k] (any number of spatial dims). With
 * `transposed`, tfjs's Conv*DTranspose kernel [...k, out, in] → ONNX ConvTranspose [in, out, ...k].
 */
export function kernelToOnnx(shape: number[], data: Float32Array): { dims: number[]; data: Float32Array } {
  const k = shape.slice(0, -2);
  const [ci, co] = shape.slice(-2);
  const taps = k.reduce((a, d) => a * d, 1);
  const out = new Float32Array(data.length);
  for (let t = 0; t < taps; t++)
    for (let i = 0; i < ci; i++)
      for (let o = 0; o < co; o++) out[(o * ci + i) * taps + t] = data[(t * ci + i) * co + o];
  return { dims: [co, ci, ...k], data: out };
}

/** tfjs conv kernel [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
export function hwioToOihw(shape: number[], data: Float32Array): { dims: number[]; data: Float32Array } {
  return kernelToOnnx(shape, data);
}

/**
 * tfjs depthwise kernel [kh, kw, in, multiplier] → ONNX grouped Conv weight [in*multiplier, 1, kh, kw];
 * output channel c*multiplier + m, the order TF uses.
 */
export function depthwiseToGrouped(shape: number[], data: Float32Array): { dims: number[]; data: Float32Array } {
  const [kh, kw, ci, dm] = shape;
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let c = 0; c < ci; c++)
        for (let m = 0; m < dm; m++) out[((c * dm + m) * kh + y) * kw + x] = data[((y * kw + x) * ci + c) * dm + m];
  return { dims: [ci * dm, 1, kh, kw], data: out };
}

/** A bias input when the layer uses one. */
export function biasInput(ctx: ConvertContext, useBias: boolean): string[] {
  if (!useBias) return [];
  const b = ctx.weight('bias');
  return [ctx.graph.floatConst(`${ctx.scope}/bias`, b.shape, b.data)];
}

/** An NCHW result standing for the tfjs tensor of `shape`. */
export function nchwRef(name: string, shape: (number | null)[]): TensorRef {
  return { name, shape, dtype: 'float32', layout: { kind: 'nchw' } };
}

/** Padding/cropping pairs: tfjs's [[top, bottom], [left, right]] (getConfig always reports the nested form). */
export function pairs(ctx: ConvertContext, key: string, n: number): [number, number][] {
  const v = ctx.config[key];
  const ok = Array.isArray(v) && v.length === n && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((d) => Number.isInteger(d) && d >= 0));
  if (!ok) return ctx.fail(`config '${key}' must be ${n} pairs of non-negative integers, got ${JSON.stringify(v)}`);
  return v as [number, number][];
}

/** The spatial axes of `x` (height, width) in its own layout: 2, 3 channels-first; 1, 2 channels-last. */
export function spatialAxes(x: TensorRef, n: number): number[] {
  const first = x.layout.kind === 'nchw' ? 2 : 1;
  return Array.from({ length: n }, (_, i) => first + i);
}

/**
 * One ONNX Conv of a tfjs conv layer: `input` made channels-first, the converted kernel (stored
 * under the layer's `weightName`), the layer's bias when it uses one, then its activation.
 */
export function emitConv(
  ctx: ConvertContext,
  opts: { input: TensorRef; window: Window; weightName: string; kernel: { dims: number[]; data: Float32Array }; group: number; outShape: (number | null)[] },
): TensorRef {
  const x = ctx.toChannelsFirst(opts.input);
  const weight = ctx.graph.floatConst(`${ctx.scope}/${opts.weightName}`, opts.kernel.dims, opts.kernel.data);
  const y = ctx.graph.op(
    'Conv',
    [x.name, weight, ...biasInput(ctx, configBool(ctx, 'useBias', true))],
    { ...windowAttributes(ctx, opts.input, opts.window), dilations: attr.ints(opts.window.dilations), group: attr.int(opts.group) },
    ctx.scope,
  );
  return ctx.activation(ctx.config.activation, nchwRef(y, opts.outShape));
}
