import { attr } from '../graph-builder';
import { nchwAxis } from '../tensor-ref';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/** Concatenate along a tfjs axis (default -1); NCHW inputs stay NCHW and concatenate on channels. */
export const concatenate: LayerConverter = {
  className: 'Concatenate',
  convert(inputs, ctx, [outShape]) {
    const rank = inputs[0].shape.length;
    const raw = configNumber(ctx, 'axis', -1);
    const axis = raw < 0 ? raw + rank : raw;
    const allNchw = inputs.every((x) => x.layout.kind === 'nchw');
    const xs = allNchw ? inputs : inputs.map((x) => ctx.toKeras(x));
    const y = ctx.graph.op('Concat', xs.map((x) => x.name), { axis: attr.int(allNchw ? nchwAxis(axis, rank) : axis) }, ctx.scope);
    return [{ name: y, shape: outShape, dtype: xs[0].dtype, layout: allNchw ? { kind: 'nchw' } : { kind: 'keras' } }];
  },
};
