import { globalPooling } from './global-pooling';

/** GlobalMaxPooling2D → ReduceMax over height and width. */
export const globalMaxPooling2d = globalPooling('GlobalMaxPooling2D', 'ReduceMax');
