import { pairwiseMerge } from './merge';

/** Average: the sum of the inputs times 1/n (tfjs sums, then multiplies by 1/n). */
export const average = pairwiseMerge('Average', 'Add', (y, count, ctx) => ctx.graph.op('Mul', [y, ctx.graph.floatScalar(1 / count)], {}, ctx.scope));
