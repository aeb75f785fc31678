import { formatShape } from '../shape-text';
import { pairs, spatialAxes } from './spatial';
import type { LayerConverter } from './types';

/** ZeroPadding2D → Pad (constant 0) on height and width, in whichever layout the value is in. */
export const zeroPadding2d: LayerConverter = {
  className: 'ZeroPadding2D',
  convert([input], ctx, [outShape]) {
    if (input.shape.length !== 4) ctx.fail(`expected a rank-4 input, got ${formatShape(input.shape)}`);
    const padding = pairs(ctx, 'padding', 2);
    const x = input.layout.kind === 'nchw' ? input : ctx.toKeras(input);
    const begin = [0, 0, 0, 0];
    const end = [0, 0, 0, 0];
    spatialAxes(x, 2).forEach((axis, i) => {
      [begin[axis], end[axis]] = padding[i];
    });
    const y = ctx.graph.op('Pad', [x.name, ctx.graph.int64Const(`${ctx.scope}/pads`, [...begin, ...end])], {}, ctx.scope);
    return [{ ...x, name: y, shape: outShape }];
  },
};
