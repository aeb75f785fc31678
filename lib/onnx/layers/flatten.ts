import { attr } from '../graph-builder';
import type { LayerConverter } from './types';
import { formatShape } from '../shape-text';

/**
 * Flatten. From an NCHW value the features come out in (c, h, w) order; the result is marked
 * 'flat-nchw' so a following Dense folds the order into its kernel, and any other consumer gets
 * the tfjs order through a Transpose (tensor-ref.ts). With one channel or a 1×1 map the two
 * orders coincide.
 */
export const flatten: LayerConverter = {
  className: 'Flatten',
  convert([input], ctx, [outShape]) {
    if (input.shape.length <= 2) return [input];
    const out = { shape: outShape, dtype: input.dtype };
    if (input.layout.kind === 'nchw') {
      const [, h, w, c] = input.shape;
      if (h === null || w === null || c === null) return ctx.fail(`needs known height, width and channels, got ${formatShape(input.shape)}`);
      const name = ctx.graph.op('Flatten', [input.name], { axis: attr.int(1) }, ctx.scope);
      const trivial = c === 1 || h * w === 1;
      return [{ ...out, name, layout: trivial ? { kind: 'keras' } : { kind: 'flat-nchw', chw: [c, h, w] } }];
    }
    const x = ctx.toKeras(input);
    return [{ ...out, name: ctx.graph.op('Flatten', [x.name], { axis: attr.int(1) }, ctx.scope), layout: { kind: 'keras' } }];
  },
};
