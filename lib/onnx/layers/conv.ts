import { convWindow, emitConv, kernelToOnnx } from './spatial';
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
      const k = ctx.weight('kernel');
      return [emitConv(ctx, { input, window, weightName: 'kernel', kernel: kernelToOnnx(k.shape, k.data), group: 1, outShape })];
    },
  };
}

export const conv1d = convN('Conv1D', 1);
export const conv2d = convN('Conv2D', 2);
export const conv3d = convN('Conv3D', 3);
