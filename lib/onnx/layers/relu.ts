import { configNumber } from './config';
import type { LayerConverter } from './types';

/** ReLU layer: Relu, or Clip(0, maxValue) when tfjs's maxValue is set. */
export const relu: LayerConverter = {
  className: 'ReLU',
  convert([input], ctx) {
    const g = ctx.graph;
    const max = ctx.config.maxValue;
    const y =
      max === undefined || max === null
        ? g.op('Relu', [input.name], {}, ctx.scope)
        : g.op('Clip', [input.name, g.floatScalar(0), g.floatScalar(configNumber(ctx, 'maxValue'))], {}, ctx.scope);
    return [{ ...input, name: y }];
  },
};
