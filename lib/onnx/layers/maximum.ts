import { pairwiseMerge } from './merge';

/** Maximum: elementwise max of all inputs. */
export const maximum = pairwiseMerge('Maximum', 'Max');
