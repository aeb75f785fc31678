import { attr } from '../graph-builder';
import { nchwAxis } from '../tensor-ref';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/** Softmax layer over tfjs axis `axis` (default -1), mapped to the value's layout. */
export const softmax: LayerConverter = {
  className: 'Softmax',
  convert([input], ctx) {
    const axisConfig = Array.isArray(ctx.config.axis) && ctx.config.axis.length === 1 ? ctx.config.axis[0] : ctx.config.axis;
    const axis = typeof axisConfig === 'number' ? axisConfig : configNumber(ctx, 'axis', -1);
    const rank = input.shape.length;
    const last = axis === -1 || axis === rank - 1;
    // A flattened NCHW vector may keep its order only for a softmax over the whole vector.
    const x = input.layout.kind === 'flat-nchw' && !last ? ctx.toKeras(input) : input;
    const onnxAxis = x.layout.kind === 'nchw' ? nchwAxis(axis, rank) : axis;
    return [{ ...x, name: ctx.graph.op('Softmax', [x.name], { axis: attr.int(onnxAxis) }, ctx.scope) }];
  },
};
