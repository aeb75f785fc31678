import { attr } from '../graph-builder';
import { configBool } from './config';
import { biasInput, convWindow, depthwiseToGrouped, nchwRef, windowAttributes } from './spatial';
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
    const x = ctx.toChannelsFirst(input);
    const k = ctx.weight('depthwise_kernel');
    const w = depthwiseToGrouped(k.shape, k.data);
    const weight = ctx.graph.floatConst(`${ctx.scope}/depthwise_kernel`, w.dims, w.data);
    const y = ctx.graph.op(
      'Conv',
      [x.name, weight, ...biasInput(ctx, configBool(ctx, 'useBias', true))],
      { ...windowAttributes(ctx, input, window), dilations: attr.ints(window.dilations), group: attr.int(k.shape[2]) },
      ctx.scope,
    );
    return [ctx.activation(ctx.config.activation, nchwRef(y, outShape))];
  },
};
