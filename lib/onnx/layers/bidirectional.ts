import { attr } from '../graph-builder';
import type { TensorRef } from '../tensor-ref';
import { reverseTime } from './recurrent';
import type { LayerConverter } from './types';

/**
 * Bidirectional: the forward and backward layers each through their own converter (the backward
 * one has go_backwards, so its sequence comes out in processing order and is flipped back, as
 * tfjs does), merged by merge_mode: concat (default), sum, mul, ave, or null (two outputs).
 * With return_state the forward then backward states follow.
 */
export const bidirectional: LayerConverter = {
  className: 'Bidirectional',
  convert(inputs, ctx, outputShapes) {
    const g = ctx.graph;
    const wrapper = ctx.layer as { forwardLayer?: unknown; backwardLayer?: unknown; mergeMode?: string | null; returnSequences?: boolean };
    if (!wrapper.forwardLayer || !wrapper.backwardLayer) ctx.fail('has no forward/backward layers');
    const mergeMode = wrapper.mergeMode ?? null;
    const returnSequences = wrapper.returnSequences === true;
    const merged = mergeMode === null ? 2 : 1;
    const stateCount = (outputShapes.length - merged) / 2;
    // Sub-layer outputs: [y, ...states]; tfjs's shapes for them are the wrapper's, split.
    const yShape = (mergeMode === 'concat' ? [...outputShapes[0].slice(0, -1), (outputShapes[0].at(-1) ?? 0) / 2] : outputShapes[0]) as (number | null)[];
    const stateShapes = outputShapes.slice(merged, merged + stateCount);
    const [fy, ...fStates] = ctx.convertSublayer(wrapper.forwardLayer, inputs, [yShape, ...stateShapes]);
    const [by, ...bStates] = ctx.convertSublayer(wrapper.backwardLayer, inputs, [yShape, ...stateShapes]);
    const backward = returnSequences ? reverseTime(ctx, by.name) : by.name;
    const ref = (name: string, i: number): TensorRef => ({ name, shape: outputShapes[i], dtype: 'float32', layout: { kind: 'keras' } });
    let outs: TensorRef[];
    switch (mergeMode) {
      case 'concat':
        outs = [ref(g.op('Concat', [fy.name, backward], { axis: attr.int(-1) }, ctx.scope), 0)];
        break;
      case 'sum':
        outs = [ref(g.op('Add', [fy.name, backward], {}, ctx.scope), 0)];
        break;
      case 'mul':
        outs = [ref(g.op('Mul', [fy.name, backward], {}, ctx.scope), 0)];
        break;
      case 'ave':
        outs = [ref(g.op('Mul', [g.op('Add', [fy.name, backward], {}, ctx.scope), g.floatScalar(0.5)], {}, ctx.scope), 0)];
        break;
      case null:
        outs = [ref(fy.name, 0), ref(backward, 1)];
        break;
      default:
        return ctx.fail(`mergeMode '${mergeMode}' is not supported (concat, sum, mul, ave or null)`);
    }
    return [...outs, ...[...fStates, ...bStates].map((s, i) => ref(s.name, merged + i))];
  },
};
