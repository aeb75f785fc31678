import { attr } from '../graph-builder';
import type { AttributeValue } from '../onnx-ir';
import type { TensorRef } from '../tensor-ref';
import { configString, configTuple, requireChannelsLast } from './config';
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

export function readPadding(ctx: ConvertContext): 'same' | 'valid' {
  const padding = configString(ctx, 'padding', 'valid');
  if (padding !== 'same' && padding !== 'valid') return ctx.fail(`padding '${padding}' is not supported (same or valid)`);
  return padding;
}

/** The ONNX attributes for a window over the spatial dims (H, W) of `input` (tfjs NHWC shape). */
export function windowAttributes(ctx: ConvertContext, input: TensorRef, w: Window): Record<string, AttributeValue> {
  const base: Record<string, AttributeValue> = { kernel_shape: attr.ints(w.kernel), strides: attr.ints(w.strides) };
  if (w.padding === 'valid') return { ...base, pads: attr.ints([0, 0, 0, 0]) };
  const spatial = [input.shape[1], input.shape[2]];
  if (spatial.some((d) => d === null)) {
    // Unknown height/width: ONNX's SAME_UPPER puts the extra pixel at the end, as TF does.
    return { ...base, auto_pad: attr.string('SAME_UPPER') };
  }
  const begin: number[] = [];
  const end: number[] = [];
  spatial.forEach((size, i) => {
    const effectiveKernel = (w.kernel[i] - 1) * w.dilations[i] + 1;
    const out = Math.ceil((size as number) / w.strides[i]);
    const total = Math.max((out - 1) * w.strides[i] + effectiveKernel - (size as number), 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  });
  return { ...base, pads: attr.ints([...begin, ...end]) };
}

/** Conv-style geometry from config keys kernelSize, strides, dilationRate, padding. */
export function convWindow(ctx: ConvertContext): Window {
  requireChannelsLast(ctx);
  return {
    kernel: configTuple(ctx, 'kernelSize', 2),
    strides: configTuple(ctx, 'strides', 2, [1, 1]),
    dilations: configTuple(ctx, 'dilationRate', 2, [1, 1]),
    padding: readPadding(ctx),
  };
}

/** Pool geometry from poolSize, strides (tfjs defaults strides to poolSize), padding. */
export function poolWindow(ctx: ConvertContext): Window {
  requireChannelsLast(ctx);
  const kernel = configTuple(ctx, 'poolSize', 2, [2, 2]);
  return { kernel, strides: configTuple(ctx, 'strides', 2, kernel), dilations: [1, 1], padding: readPadding(ctx) };
}

/** tfjs conv kernel [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
export function hwioToOihw(shape: number[], data: Float32Array): { dims: number[]; data: Float32Array } {
  const [kh, kw, ci, co] = shape;
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++) out[((o * ci + i) * kh + y) * kw + x] = data[((y * kw + x) * ci + i) * co + o];
  return { dims: [co, ci, kh, kw], data: out };
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
