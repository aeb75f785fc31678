import { attr } from '../graph-builder';
import { nchwRef, poolWindow, windowAttributes } from './spatial';
import type { LayerConverter } from './types';

/** AveragePooling2D → AveragePool; TF averages over real pixels only, hence count_include_pad 0. */
export const averagePooling2d: LayerConverter = {
  className: 'AveragePooling2D',
  convert([input], ctx, [outShape]) {
    const window = poolWindow(ctx);
    const x = ctx.toNchw(input);
    const y = ctx.graph.op('AveragePool', [x.name], { ...windowAttributes(ctx, input, window), count_include_pad: attr.int(0) }, ctx.scope);
    return [nchwRef(y, outShape)];
  },
};
