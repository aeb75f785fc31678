import { formatShape } from '../shape-text';
import { pairs, spatialAxes } from './spatial';
import type { LayerConverter } from './types';

/** Slice's "to the end" (it clamps); ends are counted from the end, so unknown sizes work. */
const TO_END = Number.MAX_SAFE_INTEGER;

/** Cropping2D → Slice on height and width, in whichever layout the value is in. */
export const cropping2d: LayerConverter = {
  className: 'Cropping2D',
  convert([input], ctx, [outShape]) {
    if (input.shape.length !== 4) ctx.fail(`expected a rank-4 input, got ${formatShape(input.shape)}`);
    const cropping = pairs(ctx, 'cropping', 2);
    const x = input.layout.kind === 'nchw' ? input : ctx.toKeras(input);
    const g = ctx.graph;
    const starts = g.int64Const(`${ctx.scope}/starts`, cropping.map(([b]) => b));
    const ends = g.int64Const(`${ctx.scope}/ends`, cropping.map(([, e]) => (e > 0 ? -e : TO_END)));
    const axes = g.int64Const(`${ctx.scope}/axes`, spatialAxes(x, 2));
    return [{ ...x, name: g.op('Slice', [x.name, starts, ends, axes], {}, ctx.scope), shape: outShape }];
  },
};
