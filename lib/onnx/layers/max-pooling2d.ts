import { nchwRef, poolWindow, windowAttributes } from './spatial';
import type { LayerConverter } from './types';

/** MaxPooling2D → MaxPool; padded cells never win, as in TF. */
export const maxPooling2d: LayerConverter = {
  className: 'MaxPooling2D',
  convert([input], ctx, [outShape]) {
    const window = poolWindow(ctx);
    const x = ctx.toNchw(input);
    const y = ctx.graph.op('MaxPool', [x.name], windowAttributes(ctx, input, window), ctx.scope);
    return [nchwRef(y, outShape)];
  },
};
