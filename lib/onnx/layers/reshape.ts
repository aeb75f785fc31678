import type { LayerConverter } from './types';

/** Reshape → ONNX Reshape; 0 copies the (dynamic) batch size, the rest is tfjs's targetShape. */
export const reshape: LayerConverter = {
  className: 'Reshape',
  convert([input], ctx, [outShape]) {
    const raw = ctx.config.targetShape;
    // getConfig() reports an inferred (-1) dimension as null.
    const target = Array.isArray(raw) ? raw.map((d) => (d === null ? -1 : d)) : null;
    if (!target || !target.every((d) => typeof d === 'number' && Number.isInteger(d))) {
      return ctx.fail(`targetShape must be a list of integers, got ${JSON.stringify(raw)}`);
    }
    const x = ctx.toKeras(input);
    const shape = ctx.graph.int64Const(`${ctx.scope}/shape`, [0, ...(target as number[])]);
    const y = ctx.graph.op('Reshape', [x.name, shape], {}, ctx.scope);
    return [{ name: y, shape: outShape, dtype: input.dtype, layout: { kind: 'keras' } }];
  },
};
