import { attr } from '../graph-builder';
import type { AttributeValue } from '../onnx-ir';
import { nchwRef, poolWindow, windowAttributes } from './spatial';
import type { LayerConverter } from './types';

/**
 * Max/AveragePooling1D/2D/3D → MaxPool/AveragePool on a channels-first value. Padded cells never
 * win a max, and TF averages over real cells only, hence count_include_pad 0.
 */
function poolN(className: string, opType: 'MaxPool' | 'AveragePool', n: number): LayerConverter {
  return {
    className,
    convert([input], ctx, [outShape]) {
      const window = poolWindow(ctx, n);
      const x = ctx.toChannelsFirst(input);
      const extra: Record<string, AttributeValue> = opType === 'AveragePool' ? { count_include_pad: attr.int(0) } : {};
      const y = ctx.graph.op(opType, [x.name], { ...windowAttributes(ctx, input, window), ...extra }, ctx.scope);
      return [nchwRef(y, outShape)];
    },
  };
}

export const maxPooling1d = poolN('MaxPooling1D', 'MaxPool', 1);
export const maxPooling2d = poolN('MaxPooling2D', 'MaxPool', 2);
export const maxPooling3d = poolN('MaxPooling3D', 'MaxPool', 3);
export const averagePooling1d = poolN('AveragePooling1D', 'AveragePool', 1);
export const averagePooling2d = poolN('AveragePooling2D', 'AveragePool', 2);
export const averagePooling3d = poolN('AveragePooling3D', 'AveragePool', 3);
