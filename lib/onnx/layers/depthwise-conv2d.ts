import { convWindow, depthwiseToGrouped, emitConv } from './spatial';
import type { LayerConverter } from './types';

/**
 * DepthwiseConv2D → grouped ONNX Conv (group = input channels). tfjs 4.22's layer ignores
 * `dilationRate` (it passes null to the op: "TODO(cais): Add support for dilation"), so the
 * export does too, to compute what the trained model computes.
 */
export const depthwiseConv2d: LayerConverter = {
  className: 'DepthwiseConv2D',
  convert([input], ctx, [outShape]) {
    const window = { ...convWindow(ctx), dilations: [1, 1] };
    const k = ctx.weight('depthwise_kernel');
    return [emitConv(ctx, { input, window, weightName: 'depthwise_kernel', kernel: depthwiseToGrouped(k.shape, k.data), group: k.shape[2], outShape })];
  },
};
