import { sameLayout, type TensorRef } from '../tensor-ref';
import type { ConvertContext, LayerConverter } from './types';
import { formatShape } from '../shape-text';

/**
 * Inputs of an elementwise merge in one shared layout: kept as they are when they already agree
 * (an all-NCHW residual Add stays NCHW), otherwise all in tfjs order.
 */
export function alignLayouts(inputs: TensorRef[], ctx: ConvertContext): TensorRef[] {
  const rank = inputs[0].shape.length;
  if (inputs.some((x) => x.shape.length !== rank)) ctx.fail(`inputs of different ranks are not supported: ${inputs.map((x) => formatShape(x.shape)).join(' ')}`);
  if (inputs.every((x) => sameLayout(x.layout, inputs[0].layout))) return inputs;
  return inputs.map((x) => ctx.toKeras(x));
}

/** A merge layer folding its inputs pairwise with one binary ONNX op (Add, Mul, Max…). */
export function pairwiseMerge(className: string, opType: string, finish?: (y: string, count: number, ctx: ConvertContext) => string): LayerConverter {
  return {
    className,
    convert(inputs, ctx, [outShape]) {
      const xs = alignLayouts(inputs, ctx);
      let y = xs[0].name;
      for (const x of xs.slice(1)) y = ctx.graph.op(opType, [y, x.name], {}, ctx.scope);
      if (finish) y = finish(y, xs.length, ctx);
      return [{ name: y, shape: outShape, dtype: xs[0].dtype, layout: xs[0].layout }];
    },
  };
}
