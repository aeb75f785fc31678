import { attr } from '../graph-builder';
import type { LayerConverter } from './types';

/** Permute → Transpose; tfjs's `dims` are 1-based over the non-batch axes. */
export const permute: LayerConverter = {
  className: 'Permute',
  convert([input], ctx, [outShape]) {
    const dims = ctx.config.dims;
    if (!Array.isArray(dims) || !dims.every((d) => Number.isInteger(d) && d >= 1)) return ctx.fail(`dims must be 1-based axis numbers, got ${JSON.stringify(dims)}`);
    const x = ctx.toKeras(input);
    const y = ctx.graph.op('Transpose', [x.name], { perm: attr.ints([0, ...(dims as number[])]) }, ctx.scope);
    return [{ ...x, name: y, shape: outShape }];
  },
};
