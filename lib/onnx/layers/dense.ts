import type { TensorRef } from '../tensor-ref';
import { configBool } from './config';
import type { LayerConverter, Weight } from './types';

/**
 * Kernel rows reordered for an input flattened from NCHW: ONNX feature p = (c, h, w) reads the
 * tfjs row k = (h, w, c). This replaces a Transpose before Flatten (DESIGN.md).
 */
function permuteRowsForNchw(kernel: Weight, [c, h, w]: [number, number, number]): Float32Array {
  const units = kernel.shape[1];
  const out = new Float32Array(kernel.data.length);
  for (let ci = 0; ci < c; ci++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const p = (ci * h + y) * w + x;
        const k = (y * w + x) * c + ci;
        out.set(kernel.data.subarray(k * units, (k + 1) * units), p * units);
      }
  return out;
}

/** Dense → MatMul (+ Add for the bias), applied to the last axis as tfjs does. */
export const dense: LayerConverter = {
  className: 'Dense',
  convert([input], ctx, [outShape]) {
    const kernel = ctx.weight('kernel');
    let x: TensorRef = input;
    let rows = kernel.data;
    if (input.layout.kind === 'flat-nchw') rows = permuteRowsForNchw(kernel, input.layout.chw);
    else x = ctx.toKeras(input);
    const w = ctx.graph.floatConst(`${ctx.scope}/kernel`, kernel.shape, rows);
    let y = ctx.graph.op('MatMul', [x.name, w], {}, ctx.scope);
    if (configBool(ctx, 'useBias', true)) {
      const b = ctx.weight('bias');
      y = ctx.graph.op('Add', [y, ctx.graph.floatConst(`${ctx.scope}/bias`, b.shape, b.data)], {}, ctx.scope);
    }
    return [ctx.activation(ctx.config.activation, { name: y, shape: outShape, dtype: 'float32', layout: { kind: 'keras' } })];
  },
};
