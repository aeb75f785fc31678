import type * as tfType from '@tensorflow/tfjs';
import type { Dataset, DataSplit, DatasetInfo } from './datasets';

export interface EarlyStoppingOptions {
  /** Metric key to watch (default 'val/loss', or 'train/loss' without validation data). */
  monitor?: string;
  /** Epochs without improvement before stopping (default 3). */
  patience?: number;
  /** Smallest change that counts as improvement (default 0). */
  minDelta?: number;
  /** 'min' for losses, 'max' for accuracies (default: 'max' if the key has "acc" in it). */
  mode?: 'min' | 'max';
}

/** Logs of one epoch, keyed like the stored metrics ('train/loss', 'val/accuracy', 'lr', …). */
export type EpochLogs = Record<string, number>;

/** What onEpochEnd may return: stop the run now (it ends as `stopped` with `reason`). */
export interface EpochVerdict {
  stop: boolean;
  reason?: string;
}

export interface TrainOptions {
  /** Run name shown in the runs table (default: the model's name). */
  name?: string;
  /** Hyperparameters to record; the resolved training settings are added to it. */
  config?: Record<string, unknown>;
  model: tfType.LayersModel;
  /** A `bench.datasets.*` result, or `{ train: {x, y}, validation?: {x, y} }`. */
  data: Dataset | { train: DataSplit; validation?: DataSplit; fingerprint?: string; info?: Partial<DatasetInfo> };
  /** Optimizer name ('adam', 'sgd', 'rmsprop', …) or a tf.train.* optimizer (default 'adam'). */
  optimizer?: string | tfType.Optimizer;
  learningRate?: number;
  /** Loss name (default: categoricalCrossentropy for one-hot targets, binaryCrossentropy for 0/1). */
  loss?: string;
  /** Metric names (default ['accuracy']). */
  metrics?: string[];
  epochs?: number;
  batchSize?: number;
  /** Recorded on the run; with a seed, a run on the cpu backend repeats exactly. Drawn if absent. */
  seed?: number;
  /** Save a checkpoint every N epochs (and always at the end); 0 = only at the end (default 0). */
  checkpointEvery?: number;
  earlyStopping?: EarlyStoppingOptions | boolean;
  /**
   * Called after each epoch with its logs and the run's id; may be async. Returning
   * `{ stop: true, reason }` ends the run as `stopped` with that reason (bench.sweep's Hyperband).
   */
  onEpochEnd?: (epoch: number, logs: EpochLogs, run: { runId: string }) => void | EpochVerdict | Promise<void | EpochVerdict>;
  /** Draw the decision boundary every epoch (2-D inputs only). */
  boundary?: boolean;
  /**
   * 'seeded' re-draws the weights from the seed before training (re-running a cell repeats the
   * run); 'keep' continues from the current weights (fine-tuning). Default 'seeded', except for
   * models from `bench.load`.
   */
  initialWeights?: 'seeded' | 'keep';
  tags?: Record<string, string>;
  sweepId?: string;
  trialId?: string;
}

export interface ResolvedTrainOptions {
  name: string;
  train: DataSplit;
  validation: DataSplit | null;
  fingerprint: string | null;
  info: Partial<DatasetInfo>;
  loss: string;
  metrics: string[];
  epochs: number;
  batchSize: number;
  seed: number;
  checkpointEvery: number;
  earlyStopping: Required<EarlyStoppingOptions> | null;
}
