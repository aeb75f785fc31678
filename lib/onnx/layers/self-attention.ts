import { attr } from '../graph-builder';
import { formatShape } from '../shape-text';
import type { ConvertContext, LayerConverter } from './types';

/** A [width, width] projection with bias on the last axis: MatMul + Add (int8 quantizes the MatMul's weight). */
function project(ctx: ConvertContext, x: string, part: 'query' | 'key' | 'value' | 'output'): string {
  const g = ctx.graph;
  const kernel = ctx.weight(`${part}/kernel`);
  const bias = ctx.weight(`${part}/bias`);
  // `_` not `/`: a weight's DequantizeLinear is credited to the scope before its last part (layer-table.ts).
  const y = g.op('MatMul', [x, g.floatConst(`${ctx.scope}/${part}_kernel`, kernel.shape, kernel.data)], {}, ctx.scope);
  return g.op('Add', [y, g.floatConst(`${ctx.scope}/${part}_bias`, bias.shape, bias.data)], {}, ctx.scope);
}

/**
 * Benchtop's multi-head self-attention (`bench.text.layers.selfAttention`, lib/text/attention-layers.ts,
 * class BenchSelfAttention) as the standard ops it computes, on x = [batch, length, width]:
 * q, k, v = x·W + b; heads split by Reshape [0, 0, heads, width / heads] and Transpose;
 * softmax(q·kᵀ / √(width / heads)) · v; heads merged back; output projection. No mask (pads
 * attend too), as in tfjs.
 */
export const selfAttention: LayerConverter = {
  className: 'BenchSelfAttention',
  convert([input], ctx, [outShape]) {
    const g = ctx.graph;
    const x = ctx.toKeras(input);
    const width = x.shape[2];
    const heads = ctx.config.numHeads;
    if (x.shape.length !== 3 || typeof width !== 'number') return ctx.fail(`needs [batch, length, width] with a known width, got ${formatShape(x.shape)}`);
    if (typeof heads !== 'number' || !Number.isInteger(heads) || heads < 1 || width % heads !== 0) return ctx.fail(`numHeads ${JSON.stringify(heads)} must be a positive integer dividing the width ${width}`);
    const depth = width / heads;
    const perHead = g.int64Const(`${ctx.scope}/per_head_shape`, [0, 0, heads, depth]);
    // [b, l, width] → [b, l, heads, depth], then [b, heads, l, depth] (or [b, heads, depth, l] for keys).
    const split = (v: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [v, perHead], {}, ctx.scope)], { perm: attr.ints(perm) }, ctx.scope);
    const q = split(project(ctx, x.name, 'query'), [0, 2, 1, 3]);
    const kT = split(project(ctx, x.name, 'key'), [0, 2, 3, 1]);
    const v = split(project(ctx, x.name, 'value'), [0, 2, 1, 3]);
    const scores = g.op('Mul', [g.op('MatMul', [q, kT], {}, ctx.scope), g.floatScalar(1 / Math.sqrt(depth))], {}, ctx.scope);
    const weights = g.op('Softmax', [scores], { axis: attr.int(-1) }, ctx.scope);
    const merged = g.op('Transpose', [g.op('MatMul', [weights, v], {}, ctx.scope)], { perm: attr.ints([0, 2, 1, 3]) }, ctx.scope);
    const flat = g.op('Reshape', [merged, g.int64Const(`${ctx.scope}/merged_shape`, [0, 0, width])], {}, ctx.scope);
    return [{ name: project(ctx, flat, 'output'), shape: outShape, dtype: 'float32', layout: { kind: 'keras' } }];
  },
};
