import type { LayerConverter } from './types';

/** Activation layer: the same table as every layer's `activation:` option (activations.ts). */
export const activation: LayerConverter = {
  className: 'Activation',
  convert: ([input], ctx) => [ctx.activation(ctx.config.activation, input)],
};
