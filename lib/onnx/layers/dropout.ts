import type { LayerConverter } from './types';

/** Dropout is the identity at inference: the input value passes through, layout and all. */
export const dropout: LayerConverter = {
  className: 'Dropout',
  convert: (inputs) => inputs,
};
