import { attr } from '../graph-builder';
import { configNumber } from './config';
import type { LayerConverter } from './types';

/** ThresholdedReLU: x where x > theta, else 0 (ONNX calls theta alpha). */
export const thresholdedRelu: LayerConverter = {
  className: 'ThresholdedReLU',
  convert([input], ctx) {
    const y = ctx.graph.op('ThresholdedRelu', [input.name], { alpha: attr.float(configNumber(ctx, 'theta', 1)) }, ctx.scope);
    return [{ ...input, name: y }];
  },
};
