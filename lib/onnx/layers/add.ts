import { pairwiseMerge } from './merge';

/** Add (residual connections): elementwise sum of all inputs. */
export const add = pairwiseMerge('Add', 'Add');
