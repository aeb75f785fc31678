import type { LayerConverter } from './types';

/**
 * Layers that are the identity at inference (`model.predict` runs with training false): the
 * input value passes through, layout and all, and no node is written.
 */
function identity(className: string): LayerConverter {
  return { className, convert: (inputs) => inputs };
}

export const dropout = identity('Dropout');
export const spatialDropout1d = identity('SpatialDropout1D');
export const gaussianNoise = identity('GaussianNoise');
export const gaussianDropout = identity('GaussianDropout');
export const alphaDropout = identity('AlphaDropout');
