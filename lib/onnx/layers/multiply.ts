import { pairwiseMerge } from './merge';

/** Multiply: elementwise product of all inputs. */
export const multiply = pairwiseMerge('Multiply', 'Mul');
