import { attr } from '../graph-builder';
import { configBool } from './config';
import { biasInput, convWindow, depthwiseToGrouped, hwioToOihw, nchwRef, windowAttributes } from './spatial';
import type { LayerConverter } from './types';

/** SeparableConv2D → grouped depthwise Conv (strides, dilation, padding) then a 1×1 Conv with the bias. */
export const separableConv2d: LayerConverter = {
  className: 'SeparableConv2D',
  convert([input], ctx, [outShape]) {
    const window = convWindow(ctx);
    const x = ctx.toChannelsFirst(input);
    const dk = ctx.weight('depthwise_kernel');
    const dw = depthwiseToGrouped(dk.shape, dk.data);
    const depthwise = ctx.graph.op(
      'Conv',
      [x.name, ctx.graph.floatConst(`${ctx.scope}/depthwise_kernel`, dw.dims, dw.data)],
      { ...windowAttributes(ctx, input, window), dilations: attr.ints(window.dilations), group: attr.int(dk.shape[2]) },
      ctx.scope,
    );
    const pk = ctx.weight('pointwise_kernel');
    const pw = hwioToOihw(pk.shape, pk.data);
    const y = ctx.graph.op(
      'Conv',
      [depthwise, ctx.graph.floatConst(`${ctx.scope}/pointwise_kernel`, pw.dims, pw.data), ...biasInput(ctx, configBool(ctx, 'useBias', true))],
      { kernel_shape: attr.ints([1, 1]), pads: attr.ints([0, 0, 0, 0]), strides: attr.ints([1, 1]) },
      ctx.scope,
    );
    return [ctx.activation(ctx.config.activation, nchwRef(y, outShape))];
  },
};
