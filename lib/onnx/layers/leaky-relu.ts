import { attr } from '../graph-builder';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/** LeakyReLU layer (tfjs default alpha 0.3). */
export const leakyRelu: LayerConverter = {
  className: 'LeakyReLU',
  convert([input], ctx) {
    const y = ctx.graph.op('LeakyRelu', [input.name], { alpha: attr.float(configNumber(ctx, 'alpha', 0.3)) }, ctx.scope);
    return [{ ...input, name: y }];
  },
};
