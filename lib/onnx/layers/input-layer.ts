import type { LayerConverter } from './types';

/**
 * InputLayer. Model inputs become graph inputs in convert.ts; this converter only matters if an
 * InputLayer is ever reached as an inner call, where it is the identity.
 */
export const inputLayer: LayerConverter = {
  className: 'InputLayer',
  convert: (inputs) => inputs,
};
