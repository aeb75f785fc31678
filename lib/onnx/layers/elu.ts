import { attr } from '../graph-builder';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/** ELU layer (tfjs default alpha 1). */
export const elu: LayerConverter = {
  className: 'ELU',
  convert([input], ctx) {
    const y = ctx.graph.op('Elu', [input.name], { alpha: attr.float(configNumber(ctx, 'alpha', 1)) }, ctx.scope);
    return [{ ...input, name: y }];
  },
};
