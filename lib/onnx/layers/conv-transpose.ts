import { attr } from '../graph-builder';
import { configBool, configTuple } from './config';
import { biasInput, convWindow, kernelToOnnx, nchwRef } from './spatial';
import type { LayerConverter } from './types';

/**
 * Conv2DTranspose/Conv3DTranspose → ONNX ConvTranspose. tfjs's output length per axis is
 * in·s + max(k − s, 0) ('valid') or in·s ('same'); ConvTranspose naturally gives (in − 1)·s + k.
 * The difference never depends on `in`, so unknown sizes work: a surplus is cropped as TF's
 * conv-backprop crops it (floor(total/2) before, the rest after), a shortfall is output_padding
 * (zeros at the end).
 */
function convTransposeN(className: string, n: number): LayerConverter {
  return {
    className,
    convert([input], ctx, [outShape]) {
      const window = convWindow(ctx, n);
      if (window.dilations.some((d) => d !== 1)) ctx.fail(`dilationRate ${JSON.stringify(ctx.config.dilationRate)} is not supported (tfjs itself only runs 1)`);
      const strides = configTuple(ctx, 'strides', n, new Array(n).fill(1));
      const begin: number[] = [];
      const end: number[] = [];
      const outputPadding: number[] = [];
      window.kernel.forEach((k, i) => {
        const s = strides[i];
        // natural − target, with target = in·s + max(k − s, 0) or in·s.
        const surplus = k - s - (window.padding === 'valid' ? Math.max(k - s, 0) : 0);
        begin.push(Math.max(surplus, 0) >> 1);
        end.push(Math.max(surplus, 0) - (Math.max(surplus, 0) >> 1));
        outputPadding.push(Math.max(-surplus, 0));
      });
      const x = ctx.toChannelsFirst(input);
      // tfjs kernel [...k, out, in] → ONNX ConvTranspose weight [in, out, ...k].
      const k = ctx.weight('kernel');
      const w = kernelToOnnx(k.shape, k.data);
      const y = ctx.graph.op(
        'ConvTranspose',
        [x.name, ctx.graph.floatConst(`${ctx.scope}/kernel`, w.dims, w.data), ...biasInput(ctx, configBool(ctx, 'useBias', true))],
        {
          kernel_shape: attr.ints(window.kernel),
          strides: attr.ints(strides),
          pads: attr.ints([...begin, ...end]),
          output_padding: attr.ints(outputPadding),
        },
        ctx.scope,
      );
      return [ctx.activation(ctx.config.activation, nchwRef(y, outShape))];
    },
  };
}

export const conv2dTranspose = convTransposeN('Conv2DTranspose', 2);
export const conv3dTranspose = convTransposeN('Conv3DTranspose', 3);
