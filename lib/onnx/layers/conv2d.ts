import { attr } from '../graph-builder';
import { configBool } from './config';
import { biasInput, convWindow, hwioToOihw, nchwRef, windowAttributes } from './spatial';
import type { LayerConverter } from './types';

/** Conv2D → ONNX Conv on NCHW (the input is transposed once, at the first spatial op). */
export const conv2d: LayerConverter = {
  className: 'Conv2D',
  convert([input], ctx, [outShape]) {
    const window = convWindow(ctx);
    const x = ctx.toNchw(input);
    const k = ctx.weight('kernel');
    const w = hwioToOihw(k.shape, k.data);
    const weight = ctx.graph.floatConst(`${ctx.scope}/kernel`, w.dims, w.data);
    const y = ctx.graph.op(
      'Conv',
      [x.name, weight, ...biasInput(ctx, configBool(ctx, 'useBias', true))],
      { ...windowAttributes(ctx, input, window), dilations: attr.ints(window.dilations), group: attr.int(1) },
      ctx.scope,
    );
    return [ctx.activation(ctx.config.activation, nchwRef(y, outShape))];
  },
};
