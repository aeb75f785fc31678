import type * as tfType from '@tensorflow/tfjs';
import type { Dataset } from './datasets';
import type { BenchSession } from '../kernel/session';
import { startManualRun } from './manual-run';

export interface RandomForestOptions {
  /** Any one-hot (or 0/1) Dataset; the forest sees the same split the network does. */
  data: Dataset;
  name?: string;
  /** Trees (default 50). */
  nEstimators?: number;
  /** Features tried per tree: a fraction in (0, 1] or a count (default 0.7). */
  maxFeatures?: number;
  /** Depth limit of each tree (default: none). */
  maxDepth?: number;
  seed?: number;
  config?: Record<string, unknown>;
  tags?: Record<string, string>;
}

export interface RandomForestResult {
  runId: string;
  /** Accuracy on the training and validation splits, 0..1. */
  trainAccuracy: number;
  validationAccuracy: number;
  fitMs: number;
  /** Class index per validation row. */
  predict(x: number[][]): number[];
}

/**
 * `bench.randomForest`: the seed's scikit-learn baseline (RandomForestClassifier), with
 * ml-random-forest, as a tracked run whose metrics use the same keys as bench.train
 * (train/accuracy, val/accuracy), so /runs compares it with the networks on the same split.
 * It fits in one call: Stop takes effect when the fit ends.
 */
export async function trainRandomForest(session: BenchSession, options: RandomForestOptions): Promise<RandomForestResult> {
  const { data, name = 'random-forest', nEstimators = 50, maxFeatures = 0.7, maxDepth, seed = 1 } = options;
  if (!Number.isInteger(nEstimators) || nEstimators < 1 || nEstimators > 1000) throw new RangeError(`randomForest: nEstimators must be an integer in [1, 1000], got ${nEstimators}`);
  const { RandomForestClassifier } = await import('ml-random-forest');
  const trainX = rows(data.train.x);
  const trainY = labels(data.train.y);
  const valX = rows(data.validation.x);
  const valY = labels(data.validation.y);
  const config = { ...options.config, model: 'random-forest', nEstimators, maxFeatures, maxDepth: maxDepth ?? null, seed, trainSize: trainX.length, validationSize: valX.length };
  const run = startManualRun(session, { name, config, seed, datasetFingerprint: data.fingerprint, tags: options.tags });
  const runId = await run.ready;
  const started = performance.now();
  const forest = new RandomForestClassifier({
    nEstimators,
    maxFeatures,
    seed,
    replacement: true,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: maxDepth === undefined ? {} : { maxDepth },
  } as ConstructorParameters<typeof RandomForestClassifier>[0]);
  forest.train(trainX, trainY);
  const fitMs = performance.now() - started;
  const trainAccuracy = accuracy(forest.predict(trainX), trainY);
  const validationAccuracy = accuracy(forest.predict(valX), valY);
  run.log({ 'train/accuracy': trainAccuracy, 'val/accuracy': validationAccuracy, 'perf/fit_ms': fitMs }, 0);
  await run.finish('finished');
  return { runId, trainAccuracy, validationAccuracy, fitMs, predict: (x) => forest.predict(x) };
}

function rows(x: tfType.Tensor): number[][] {
  return matrix(x);
}

function matrix(t: tfType.Tensor): number[][] {
  const flat = t.reshape([t.shape[0], -1]);
  try {
    return flat.arraySync() as number[][];
  } finally {
    flat.dispose();
  }
}

/** One-hot rows → argmax; a single 0/1 column → its value. */
function labels(y: tfType.Tensor): number[] {
  return matrix(y).map((row) => (row.length === 1 ? Math.round(row[0]) : row.indexOf(Math.max(...row))));
}

function accuracy(predicted: number[], truth: number[]): number {
  if (truth.length === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) right++;
  return right / truth.length;
}
