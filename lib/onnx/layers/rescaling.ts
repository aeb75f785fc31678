import { attr } from '../graph-builder';
import { DataType } from '../onnx-ir';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/** Rescaling (preprocessing): x · scale + offset, elementwise, so any layout is kept. */
export const rescaling: LayerConverter = {
  className: 'Rescaling',
  convert([input], ctx) {
    const g = ctx.graph;
    // tfjs casts integer inputs (pixels) to float first.
    const x = input.dtype === 'int32' ? { ...input, dtype: 'float32' as const, name: g.op('Cast', [input.name], { to: attr.int(DataType.FLOAT) }, ctx.scope) } : input;
    const scaled = g.op('Mul', [x.name, g.floatScalar(configNumber(ctx, 'scale'))], {}, ctx.scope);
    return [{ ...x, name: g.op('Add', [scaled, g.floatScalar(configNumber(ctx, 'offset', 0))], {}, ctx.scope) }];
  },
};
