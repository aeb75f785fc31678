import type { LayerConverter } from './types';

/**
 * A Sequential or functional model used as a layer: its own layers are converted in place (node
 * names and error paths carry the model's name), on the values its call receives.
 */
function nestedModel(className: string): LayerConverter {
  return { className, convert: (inputs, ctx) => ctx.convertModel(ctx.layer, inputs) };
}

export const nestedSequential = nestedModel('Sequential');
export const nestedFunctional = nestedModel('Functional');
export const nestedModelClass = nestedModel('Model');
