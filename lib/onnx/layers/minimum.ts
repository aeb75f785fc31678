import { pairwiseMerge } from './merge';

/** Minimum: elementwise min of all inputs. */
export const minimum = pairwiseMerge('Minimum', 'Min');
