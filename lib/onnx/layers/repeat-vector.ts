import { configNumber } from './config';
import type { LayerConverter } from './types';

/** RepeatVector: [N, F] → [N, n, F] by Unsqueeze on axis 1 and Tile. */
export const repeatVector: LayerConverter = {
  className: 'RepeatVector',
  convert([input], ctx, [outShape]) {
    const g = ctx.graph;
    const n = configNumber(ctx, 'n');
    const x = ctx.toKeras(input);
    const expanded = g.op('Unsqueeze', [x.name, g.int64Const(`${ctx.scope}/axes`, [1])], {}, ctx.scope);
    const y = g.op('Tile', [expanded, g.int64Const(`${ctx.scope}/repeats`, [1, n, 1])], {}, ctx.scope);
    return [{ ...x, name: y, shape: outShape }];
  },
};
