import type { DataSplit } from '../datasets';
import type { EarlyStoppingOptions, ResolvedTrainOptions, TrainOptions } from '../train-options';

const positiveInt = (name: string, value: unknown, min = 1): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`bench.train: ${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
};

/** Checks options before any run is created, so a typo fails fast and leaves no empty run behind. */
export function resolveTrainOptions(options: TrainOptions, drawSeed: () => number): ResolvedTrainOptions {
  checkModelAndData(options);
  const { model, data } = options;
  const validation = data.validation && data.validation.x.shape[0] > 0 ? data.validation : null;
  const info = data.info ?? {};
  return {
    name: options.name ?? model.name,
    train: data.train,
    validation,
    fingerprint: data.fingerprint ?? null,
    info,
    loss: options.loss ?? defaultLoss(info.target, data.train),
    metrics: (options.metrics ?? ['accuracy']).map((m) => (m === 'acc' ? 'accuracy' : m)),
    epochs: positiveInt('epochs', options.epochs ?? 10),
    batchSize: positiveInt('batchSize', options.batchSize ?? 32),
    seed: options.seed === undefined ? drawSeed() : positiveInt('seed', options.seed, 0),
    checkpointEvery: positiveInt('checkpointEvery', options.checkpointEvery ?? 0, 0),
    earlyStopping: resolveEarlyStopping(options.earlyStopping, validation !== null),
  };
}

function checkModelAndData(options: TrainOptions): void {
  if (!options || typeof options !== 'object') throw new TypeError('bench.train: pass an options object, e.g. bench.train({ model, data })');
  const { model, data } = options;
  if (!model || typeof (model as { compile?: unknown }).compile !== 'function') {
    throw new TypeError('bench.train: `model` must be a tf.LayersModel (tf.sequential or tf.model)');
  }
  if (!data?.train?.x || !data.train.y) throw new TypeError('bench.train: `data` must have train.x and train.y tensors (bench.datasets.* returns this)');
  const n = data.train.x.shape[0];
  if (data.train.y.shape[0] !== n) throw new RangeError(`bench.train: train.x has ${n} samples but train.y has ${data.train.y.shape[0]}`);
}

/** categoricalCrossentropy for one-hot targets, binaryCrossentropy for a single 0/1 column. */
function defaultLoss(target: 'binary' | 'one-hot' | undefined, train: DataSplit): string {
  const binary = (target ?? (train.y.shape[1] === 1 ? 'binary' : 'one-hot')) === 'binary';
  return binary ? 'binaryCrossentropy' : 'categoricalCrossentropy';
}

/** `true` takes every default; val/loss is watched when there is validation data. */
function resolveEarlyStopping(es: EarlyStoppingOptions | boolean | undefined, hasValidation: boolean): Required<EarlyStoppingOptions> | null {
  if (!es) return null;
  const given: EarlyStoppingOptions = typeof es === 'object' ? es : {};
  const monitor = given.monitor || (hasValidation ? 'val/loss' : 'train/loss');
  return {
    monitor,
    patience: positiveInt('earlyStopping.patience', given.patience || 3),
    minDelta: given.minDelta || 0,
    mode: given.mode || (/acc/.test(monitor) ? 'max' : 'min'),
  };
}
