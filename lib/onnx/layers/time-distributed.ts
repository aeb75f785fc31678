import { attr } from '../graph-builder';
import { formatShape } from '../shape-text';
import type { LayerConverter } from './types';

/**
 * TimeDistributed: the wrapped layer's own converter runs once on all steps folded into the
 * batch ([N, T, …] → [N·T, …] → layer → [N, T, …]); N and T are read from the value at run time
 * (Shape), so both may be unknown. The per-step sizes must be known, as tfjs needs them too.
 */
export const timeDistributed: LayerConverter = {
  className: 'TimeDistributed',
  convert([input], ctx, [outShape]) {
    const g = ctx.graph;
    const inner = (ctx.layer as { layer?: unknown }).layer ?? ctx.fail('has no wrapped layer');
    const stepIn = input.shape.slice(2);
    const stepOut = outShape.slice(2);
    if ([...stepIn, ...stepOut].some((d) => d === null)) ctx.fail(`per-step sizes must be known, got input ${formatShape(input.shape)} and output ${formatShape(outShape)}`);
    const x = ctx.toKeras(input);
    const folded = g.op('Reshape', [x.name, g.int64Const(`${ctx.scope}/folded_shape`, [-1, ...(stepIn as number[])])], {}, ctx.scope);
    const [y] = ctx.convertSublayer(inner, [{ name: folded, shape: [null, ...stepIn], dtype: x.dtype, layout: { kind: 'keras' } }], [[null, ...stepOut]]);
    const steps = ctx.toKeras(y);
    const batchAndTime = g.op('Shape', [x.name], { start: attr.int(0), end: attr.int(2) }, ctx.scope);
    const shape = g.op('Concat', [batchAndTime, g.int64Const(`${ctx.scope}/step_shape`, stepOut as number[])], { axis: attr.int(0) }, ctx.scope);
    return [{ name: g.op('Reshape', [steps.name, shape], {}, ctx.scope), shape: outShape, dtype: steps.dtype, layout: { kind: 'keras' } }];
  },
};
