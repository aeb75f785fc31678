import type * as tfType from '@tensorflow/tfjs';

/** What model.fit runs per batch: [x, y] in, [loss, ...metrics] out (scalars). */
export type TrainFunction = (data: tfType.Tensor[]) => tfType.Scalar[];

/**
 * The compiled model's per-batch train function; calling it directly lets bench.train own the
 * loop. A tf.Sequential compiles and trains an inner LayersModel (`.model`), so that is the one.
 */
export function makeTrainFunction(model: tfType.LayersModel): TrainFunction {
  const inner = (model as unknown as { model?: unknown }).model;
  const compiled = (inner && typeof inner === 'object' && 'makeTrainFunction' in inner ? inner : model) as unknown as { makeTrainFunction(): TrainFunction };
  return compiled.makeTrainFunction();
}
