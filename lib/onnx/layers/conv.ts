import { attr } from '../graph-builder';
import { configBool } from './config';
import { biasInput, convWindow, kernelToOnnx, nchwRef, windowAttributes } from './spatial';
import type { LayerConverter } from './types';

/**
 * Conv1D/2D/3D → ONNX Conv on a channels-first value (the input is transposed once, at the
 * first spatial op).
 */
function convN(className: string, n: number): LayerConverter {
  return {
    className,
    convert([input], ctx, [outShape]) {
      const window = convWindow(ctx, n);
      const x = ctx.toChannelsFirst(input);
      const k = ctx.weight('kernel');
      const w = kernelToOnnx(k.shape, k.data);
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
}

export const conv1d = convN('Conv1D', 1);
export const conv2d = convN('Conv2D', 2);
export const conv3d = convN('Conv3D', 3);
