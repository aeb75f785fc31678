import { pairwiseMerge } from './merge';

/** Subtract: first input minus the second (tfjs allows exactly two). */
export const subtract = pairwiseMerge('Subtract', 'Sub');
