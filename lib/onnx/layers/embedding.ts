import { attr } from '../graph-builder';
import { DataType } from '../onnx-ir';
import type { LayerConverter } from './types';

/**
 * Embedding → Gather on the table. tfjs casts float indices to int32 (truncating), and so does
 * ONNX Cast, so float and int inputs both work.
 */
export const embedding: LayerConverter = {
  className: 'Embedding',
  convert([input], ctx, [outShape]) {
    const g = ctx.graph;
    const table = ctx.weight('embeddings');
    const x = ctx.toKeras(input);
    const indices = x.dtype === 'int32' ? x.name : g.op('Cast', [x.name], { to: attr.int(DataType.INT32) }, ctx.scope);
    const y = g.op('Gather', [g.floatConst(`${ctx.scope}/embeddings`, table.shape, table.data), indices], { axis: attr.int(0) }, ctx.scope);
    return [{ name: y, shape: outShape, dtype: 'float32', layout: { kind: 'keras' }, masked: ctx.config.maskZero === true }];
  },
};
