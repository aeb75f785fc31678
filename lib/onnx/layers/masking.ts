import { attr } from '../graph-builder';
import { DataType } from '../onnx-ir';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/**
 * Masking: zeroes every step whose features all equal maskValue (tfjs: x · any(x ≠ v, -1)). The
 * mask itself only matters to layers that read it: an RNN reached by it is refused (recurrent.ts).
 */
export const masking: LayerConverter = {
  className: 'Masking',
  convert([input], ctx) {
    const g = ctx.graph;
    const x = ctx.toKeras(input);
    const kept = g.op('Not', [g.op('Equal', [x.name, g.floatScalar(configNumber(ctx, 'maskValue', 0))], {}, ctx.scope)], {}, ctx.scope);
    const anyKept = g.op('ReduceMax', [g.op('Cast', [kept], { to: attr.int(DataType.FLOAT) }, ctx.scope)], { axes: attr.ints([-1]), keepdims: attr.int(1) }, ctx.scope);
    return [{ ...x, name: g.op('Mul', [x.name, anyKept], {}, ctx.scope), masked: true }];
  },
};
