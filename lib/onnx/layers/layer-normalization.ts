import { attr } from '../graph-builder';
import { configBool, configNumber } from './config';
import type { LayerConverter } from './types';
import { formatShape } from '../shape-text';

/** LayerNormalization → ONNX LayerNormalization (opset 17) over trailing tfjs axes. */
export const layerNormalization: LayerConverter = {
  className: 'LayerNormalization',
  convert([input], ctx, [outShape]) {
    const g = ctx.graph;
    const rank = input.shape.length;
    const raw = ctx.config.axis;
    const axes = (Array.isArray(raw) ? raw : [raw ?? -1]).map((a) => (typeof a === 'number' ? (a < 0 ? a + rank : a) : ctx.fail(`axis ${JSON.stringify(raw)} must be numbers`)));
    axes.sort((a, b) => a - b);
    const first = axes[0];
    if (!axes.every((a, i) => a === first + i) || axes[axes.length - 1] !== rank - 1 || first === 0) {
      ctx.fail(`axis ${JSON.stringify(raw)} is not supported: ONNX normalizes over trailing non-batch axes only`);
    }
    const normShape = input.shape.slice(first);
    if (normShape.some((d) => d === null)) ctx.fail(`normalized axes need known sizes, got ${formatShape(input.shape)}`);
    const dims = normShape as number[];
    const count = dims.reduce((n, d) => n * d, 1);
    const gamma = configBool(ctx, 'scale', true) ? ctx.weight('gamma').data : new Float32Array(count).fill(1);
    const beta = configBool(ctx, 'center', true) ? ctx.weight('beta').data : new Float32Array(count);
    const x = ctx.toKeras(input);
    const y = g.op(
      'LayerNormalization',
      [x.name, g.floatConst(`${ctx.scope}/gamma`, dims, gamma), g.floatConst(`${ctx.scope}/beta`, dims, beta)],
      { axis: attr.int(first), epsilon: attr.float(configNumber(ctx, 'epsilon', 1e-3)) },
      ctx.scope,
    );
    return [{ name: y, shape: outShape, dtype: 'float32', layout: { kind: 'keras' } }];
  },
};
