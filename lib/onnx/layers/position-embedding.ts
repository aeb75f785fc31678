import { formatShape } from '../shape-text';
import type { LayerConverter } from './types';

/**
 * Benchtop's learned position embedding (`bench.text.layers.positionEmbedding`, class
 * BenchPositionEmbedding): x + positions, the [length, width] table broadcast over the batch.
 */
export const positionEmbedding: LayerConverter = {
  className: 'BenchPositionEmbedding',
  convert([input], ctx, [outShape]) {
    const g = ctx.graph;
    const x = ctx.toKeras(input);
    const table = ctx.weight('positions');
    if (x.shape.length !== 3 || x.shape[1] !== table.shape[0] || x.shape[2] !== table.shape[1]) ctx.fail(`input ${formatShape(x.shape)} does not match the positions table [${table.shape.join(', ')}]`);
    const y = g.op('Add', [x.name, g.floatConst(`${ctx.scope}/positions`, table.shape, table.data)], {}, ctx.scope);
    return [{ name: y, shape: outShape, dtype: 'float32', layout: { kind: 'keras' } }];
  },
};
