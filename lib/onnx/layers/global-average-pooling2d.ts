import { globalPooling } from './global-pooling';

/** GlobalAveragePooling2D → ReduceMean over height and width. */
export const globalAveragePooling2d = globalPooling('GlobalAveragePooling2D', 'ReduceMean');
