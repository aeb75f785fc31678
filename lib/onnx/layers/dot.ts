import { attr } from '../graph-builder';
import { formatShape } from '../shape-text';
import { configBool } from './config';
import type { ConvertContext, LayerConverter } from './types';

/** tfjs's epsilon on float32 backends: the floor under a squared norm in l2Normalize. */
const EPSILON = 1e-7;

/** x / sqrt(max(sum(x², axis), ε)), tfjs's l2Normalize. */
function l2Normalize(ctx: ConvertContext, x: string, axis: number): string {
  const g = ctx.graph;
  const squares = g.op('ReduceSumSquare', [x], { axes: attr.ints([axis]), keepdims: attr.int(1) }, ctx.scope);
  const norm = g.op('Sqrt', [g.op('Max', [squares, g.floatScalar(EPSILON)], {}, ctx.scope)], {}, ctx.scope);
  return g.op('Div', [x, norm], {}, ctx.scope);
}

/**
 * Dot (batch dot product, optionally of l2-normalized inputs) along `axes`, counted with the
 * batch as axis 0. Rank 2: Mul + ReduceSum → [N, 1]. Rank 3: MatMul with either side transposed
 * so its contracted axis meets the other's.
 */
export const dot: LayerConverter = {
  className: 'Dot',
  convert(inputs, ctx, [outShape]) {
    const g = ctx.graph;
    const [a, b] = inputs.map((x) => ctx.toKeras(x));
    const rank = a.shape.length;
    if (inputs.length !== 2 || b.shape.length !== rank || (rank !== 2 && rank !== 3)) {
      ctx.fail(`only two inputs of rank 2 or 3 are supported, got ${inputs.map((x) => formatShape(x.shape)).join(' ')}`);
    }
    const raw = ctx.config.axes;
    const list = Array.isArray(raw) ? raw : [raw, raw];
    if (list.length !== 2 || !list.every((d) => Number.isInteger(d))) return ctx.fail(`axes must be an integer or two integers, got ${JSON.stringify(raw)}`);
    const [axisA, axisB] = (list as number[]).map((d) => (d < 0 ? d + rank : d));
    if (axisA === 0 || axisB === 0) ctx.fail('axes over the batch are not supported');
    let x = a.name;
    let y = b.name;
    if (configBool(ctx, 'normalize', false)) {
      x = l2Normalize(ctx, x, axisA);
      y = l2Normalize(ctx, y, axisB);
    }
    let out: string;
    if (rank === 2) {
      out = g.op('ReduceSum', [g.op('Mul', [x, y], {}, ctx.scope), g.int64Const(`${ctx.scope}/axes`, [1])], { keepdims: attr.int(1) }, ctx.scope);
    } else {
      const swap = (v: string) => g.op('Transpose', [v], { perm: attr.ints([0, 2, 1]) }, ctx.scope);
      // MatMul contracts x's axis 2 with y's axis 1.
      out = g.op('MatMul', [axisA === 2 ? x : swap(x), axisB === 1 ? y : swap(y)], {}, ctx.scope);
    }
    return [{ name: out, shape: outShape, dtype: 'float32', layout: { kind: 'keras' } }];
  },
};
