import { attr } from '../graph-builder';
import { requireChannelsLast } from './config';
import type { LayerConverter } from './types';

/**
 * Global pooling reduces over height and width in whichever layout the value is in, so no
 * Transpose is needed either way: axes (1, 2) in NHWC, (2, 3) in NCHW. The result is [N, C].
 */
export function globalPooling(className: string, reduceOp: 'ReduceMean' | 'ReduceMax'): LayerConverter {
  return {
    className,
    convert([input], ctx, [outShape]) {
      requireChannelsLast(ctx);
      if (input.shape.length !== 4) ctx.fail(`expected a rank-4 input, got [${input.shape.join(', ')}]`);
      const x = input.layout.kind === 'nchw' ? input : ctx.toKeras(input);
      const axes = x.layout.kind === 'nchw' ? [2, 3] : [1, 2];
      const y = ctx.graph.op(reduceOp, [x.name], { axes: attr.ints(axes), keepdims: attr.int(0) }, ctx.scope);
      return [{ name: y, shape: outShape, dtype: 'float32', layout: { kind: 'keras' } }];
    },
  };
}

