import type * as tfType from '@tensorflow/tfjs';
import type { DownloadProgress } from '../data/fetch-progress';
import { loadMnist, MNIST_SIDE, MNIST_PIXELS, splitMnist, type MnistImages } from '../data/mnist';
import { createRng, shuffleInPlace } from '../data/rng';
import { sha256Hex } from '../data/sha256';
import { makePointSet, type PointSet2D } from '../data/synthetic';
import type { Tf } from '../kernel/session';
import { spamAssassinDataset, type SpamSplitOptions } from './text-api';
import { imageDataset, type ImageDatasetOptions } from './image-dataset';
import { speechDataset, type SpeechDatasetOptions } from './speech/speech-dataset';
import { tableDataset, type TableDatasetOptions } from './table-dataset';

/** A split as `bench.train` takes it: inputs and targets with the sample axis first. */
export interface DataSplit {
  x: tfType.Tensor;
  y: tfType.Tensor;
}

export interface DatasetInfo {
  name: string;
  /** Shape of one input sample, e.g. [784], [28, 28, 1] or [2]. */
  inputShape: number[];
  numClasses: number;
  trainSize: number;
  validationSize: number;
  /** Targets: one-hot rows for multi-class, one 0/1 column for two classes. */
  target: 'one-hot' | 'binary';
  /** For 2-D sets: half-width of the square the points lie in (for boundary plots). */
  extent?: number;
}

/** What every `bench.datasets.*` returns; `bench.train({ data })` accepts it directly. */
export interface Dataset {
  train: DataSplit;
  validation: DataSplit;
  /** Stable id of exactly these samples, recorded on every run trained on them. */
  fingerprint: string;
  info: DatasetInfo;
  /** Frees the tensors. */
  dispose(): void;
}

export interface MnistOptions {
  /** Training samples (default 8000). train + test ≤ 10,000 (all the mnist package has). */
  trainSize?: number;
  /** Validation samples (default 2000). */
  testSize?: number;
  seed?: number;
  /** 'flat' → x is [n, 784]; 'image' → [n, 28, 28, 1] for convolutions (default 'flat'). */
  layout?: 'flat' | 'image';
}

export interface SyntheticDatasetOptions {
  /** Total points before the split (default 400). */
  n?: number;
  /** 0..1 (default 0.1). */
  noise?: number;
  seed?: number;
  /** Fraction held out for validation (default 0.2). */
  validationSplit?: number;
}

export async function mnistDataset(tf: Tf, options: MnistOptions = {}, onDownload?: DownloadProgress): Promise<Dataset> {
  const { trainSize = 8000, testSize = 2000, seed = 0, layout = 'flat' } = options;
  if (layout !== 'flat' && layout !== 'image') throw new RangeError(`mnist: layout must be 'flat' or 'image', got ${JSON.stringify(layout)}`);
  const split = await splitMnist(await loadMnist(onDownload), { trainSize, testSize, seed });
  const inputShape = layout === 'flat' ? [MNIST_PIXELS] : [MNIST_SIDE, MNIST_SIDE, 1];
  const toSplit = (images: MnistImages): DataSplit => {
    const x = new Float32Array(images.pixels.length);
    for (let i = 0; i < x.length; i++) x[i] = images.pixels[i] / 255;
    const y = new Float32Array(images.count * 10);
    for (let i = 0; i < images.count; i++) y[i * 10 + images.labels[i]] = 1;
    return { x: tf.tensor(x, [images.count, ...inputShape]), y: tf.tensor2d(y, [images.count, 10]) };
  };
  return withDispose({
    train: toSplit(split.train),
    validation: toSplit(split.test),
    fingerprint: `${split.fingerprint}:${layout}`,
    info: { name: 'mnist', inputShape, numClasses: 10, trainSize, validationSize: testSize, target: 'one-hot' },
  });
}

export async function syntheticDataset(tf: Tf, name: PointSet2D['name'], options: SyntheticDatasetOptions = {}): Promise<Dataset> {
  const { n = 400, noise = 0.1, seed = 0, validationSplit = 0.2 } = options;
  if (!(validationSplit >= 0 && validationSplit < 1)) throw new RangeError(`${name}: validationSplit must be in [0, 1), got ${validationSplit}`);
  const set = makePointSet(name, { n, noise, seed });
  // Generators emit classes in a pattern (alternating labels); shuffle before splitting.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, createRng(seed ^ 0x5bd1e995));
  const validationSize = Math.round(n * validationSplit);
  const trainSize = n - validationSize;
  if (trainSize < 1) throw new RangeError(`${name}: n=${n} with validationSplit=${validationSplit} leaves no training points`);
  const take = (from: number, count: number): DataSplit => {
    const x = new Float32Array(count * 2);
    const y = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const src = order[from + i];
      x[i * 2] = set.x[src * 2];
      x[i * 2 + 1] = set.x[src * 2 + 1];
      y[i] = set.labels[src];
    }
    return { x: tf.tensor2d(x, [count, 2]), y: tf.tensor2d(y, [count, 1]) };
  };
  const digest = await sha256Hex(set.x, set.labels, order);
  return withDispose({
    train: take(0, trainSize),
    validation: take(trainSize, validationSize),
    fingerprint: `${name}:n=${n}:noise=${noise}:seed=${seed}:val=${validationSplit}:sha256=${digest.slice(0, 16)}`,
    info: { name, inputShape: [2], numClasses: set.numClasses, trainSize, validationSize, target: 'binary', extent: set.extent },
  });
}

function withDispose(d: Omit<Dataset, 'dispose'>): Dataset {
  return { ...d, dispose: () => [d.train.x, d.train.y, d.validation.x, d.validation.y].forEach((t) => t.dispose()) };
}

/**
 * `bench.datasets`: each returns a Dataset that `bench.train` accepts directly. `reportDownload`
 * gives a progress callback for a file a dataset downloads (MNIST, once per kernel).
 */
export function createDatasets(tf: Tf, reportDownload?: (label: string) => DownloadProgress) {
  return {
    mnist: (options?: MnistOptions) => mnistDataset(tf, options, reportDownload?.('MNIST (10,000 digits)')),
    spirals: (options?: SyntheticDatasetOptions) => syntheticDataset(tf, 'spirals', options),
    circles: (options?: SyntheticDatasetOptions) => syntheticDataset(tf, 'circles', options),
    xor: (options?: SyntheticDatasetOptions) => syntheticDataset(tf, 'xor', options),
    gaussians: (options?: SyntheticDatasetOptions) => syntheticDataset(tf, 'gaussians', options),
    spamAssassin: (options?: SpamSplitOptions) => spamAssassinDataset(options, reportDownload?.('SpamAssassin corpus (5,882 mails)')),
    table: (options?: TableDatasetOptions) => tableDataset(tf, options),
    images: (options?: ImageDatasetOptions) => imageDataset(tf, options),
    speech: (options?: SpeechDatasetOptions) => speechDataset(tf, options),
  };
}
