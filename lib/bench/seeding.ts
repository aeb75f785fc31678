import type * as tfType from '@tensorflow/tfjs';
import { createRng } from '../data/rng';
import type { Tf } from '../kernel/session';

/**
 * TensorFlow.js draws a fresh `Math.random()` seed for every random op that has no explicit seed
 * (weight initialisers, dropout). Replacing Math.random with a seeded stream for the duration of a
 * run makes those draws repeat exactly, without asking users to seed every layer.
 */
export async function withSeededMathRandom<T>(seed: number, body: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = createRng(seed ^ 0x9e3779b9);
  try {
    return await body();
  } finally {
    Math.random = original;
  }
}

/**
 * Re-draws every weight from the model's own initialisers (rebuilding the topology while
 * Math.random is seeded), so the same seed starts from the same weights whatever ran before.
 */
export async function reinitializeWeights(tf: Tf, model: tfType.LayersModel): Promise<void> {
  const topology = model.toJSON(null, false);
  const fresh = await tf.models.modelFromJSON({ modelTopology: topology } as Parameters<Tf['models']['modelFromJSON']>[0]);
  try {
    model.setWeights(fresh.getWeights());
  } finally {
    fresh.dispose();
  }
}
