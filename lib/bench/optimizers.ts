import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from '../kernel/session';

/** Optimizers by name, each with Keras' default learning rate. */
const OPTIMIZERS: Record<string, { defaultLearningRate: number; create: (tf: Tf, lr: number) => tfType.Optimizer }> = {
  sgd: { defaultLearningRate: 0.01, create: (tf, lr) => tf.train.sgd(lr) },
  momentum: { defaultLearningRate: 0.01, create: (tf, lr) => tf.train.momentum(lr, 0.9) },
  adam: { defaultLearningRate: 0.001, create: (tf, lr) => tf.train.adam(lr) },
  adamax: { defaultLearningRate: 0.002, create: (tf, lr) => tf.train.adamax(lr) },
  rmsprop: { defaultLearningRate: 0.001, create: (tf, lr) => tf.train.rmsprop(lr) },
  adagrad: { defaultLearningRate: 0.01, create: (tf, lr) => tf.train.adagrad(lr) },
  adadelta: { defaultLearningRate: 1, create: (tf, lr) => tf.train.adadelta(lr) },
};

export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS);

export interface ResolvedOptimizer {
  optimizer: tfType.Optimizer;
  name: string;
  learningRate: number | null;
}

/** A fresh optimizer per run (so Adam's moments never leak between runs), or the user's own. */
export function resolveOptimizer(tf: Tf, optimizer: string | tfType.Optimizer, learningRate?: number): ResolvedOptimizer {
  if (typeof optimizer !== 'string') {
    return { optimizer, name: optimizer.getClassName(), learningRate: readLearningRate(optimizer) };
  }
  const entry = OPTIMIZERS[optimizer.toLowerCase()];
  if (!entry) throw new Error(`bench.train: unknown optimizer "${optimizer}" (use one of ${OPTIMIZER_NAMES.join(', ')}, or pass a tf.train.* optimizer)`);
  const lr = learningRate ?? entry.defaultLearningRate;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`bench.train: learningRate must be a positive number, got ${learningRate}`);
  return { optimizer: entry.create(tf, lr), name: optimizer.toLowerCase(), learningRate: lr };
}

/** Every tfjs optimizer keeps its rate in `learningRate` (a number). */
export function readLearningRate(optimizer: tfType.Optimizer): number | null {
  const lr = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  return typeof lr === 'number' ? lr : null;
}
