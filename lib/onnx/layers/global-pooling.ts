import { attr } from '../graph-builder';
import { formatShape } from '../shape-text';
import { requireChannelsLast } from './config';
import type { LayerConverter } from './types';

/**
 * Global pooling reduces over the spatial axes in whichever layout the value is in, so no
 * Transpose is needed either way: axes 1…r-2 channels-last, 2…r-1 channels-first. The result is [N, C].
 */
function globalPooling(className: string, reduceOp: 'ReduceMean' | 'ReduceMax', rank: number): LayerConverter {
  return {
    className,
    convert([input], ctx, [outShape]) {
      requireChannelsLast(ctx);
      if (input.shape.length !== rank) ctx.fail(`expected a rank-${rank} input, got ${formatShape(input.shape)}`);
      const x = input.layout.kind === 'nchw' ? input : ctx.toKeras(input);
      const first = x.layout.kind === 'nchw' ? 2 : 1;
      const axes = Array.from({ length: rank - 2 }, (_, i) => first + i);
      const y = ctx.graph.op(reduceOp, [x.name], { axes: attr.ints(axes), keepdims: attr.int(0) }, ctx.scope);
      return [{ name: y, shape: outShape, dtype: 'float32', layout: { kind: 'keras' } }];
    },
  };
}

export const globalAveragePooling1d = globalPooling('GlobalAveragePooling1D', 'ReduceMean', 3);
export const globalMaxPooling1d = globalPooling('GlobalMaxPooling1D', 'ReduceMax', 3);
export const globalAveragePooling2d = globalPooling('GlobalAveragePooling2D', 'ReduceMean', 4);
export const globalMaxPooling2d = globalPooling('GlobalMaxPooling2D', 'ReduceMax', 4);
