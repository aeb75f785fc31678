import type { Dataset, DataSplit } from './datasets';
import { openDatasetsDb, type ImageSetData, type ImageSetMeta } from '../data/dataset-db';
import { assembleImageSet } from '../data/images/assemble-image-set';
import { decodeImageBytes } from '../data/images/bytes-decoder';
import { sortImageEntries } from '../data/images/image-entries';
import { unzipEntries } from '../data/images/zip-entries';
import { createRng, shuffleInPlace } from '../data/rng';
import { readSampleFile, SAMPLE_FILES } from '../data/sample-files';
import type { Tf } from '../kernel/session';

export interface ImageDatasetOptions {
  /** An image set dropped on /datasets (by name), or 'sample' (default): 180 generated 32×32 shapes, 3 classes. */
  name?: string;
  /** Fraction held out for validation (default 0.2). */
  validationSplit?: number;
  seed?: number;
}

/** Images as a Dataset: x is [n, side, side, 3] in 0..1, y one-hot. */
export interface ImageDataset extends Dataset {
  images: {
    classes: string[];
    /** Images per class. */
    counts: number[];
    side: number;
    /** Files that were skipped when the set was read, with why. */
    bad: { path: string; reason: string }[];
  };
}

export const SAMPLE_IMAGES = 'sample';
const SAMPLE_SIDE = 32;

/** `bench.datasets.images`: a stored image set (or the sample), shuffled with a seed and split. */
export async function imageDataset(tf: Tf, options: ImageDatasetOptions = {}): Promise<ImageDataset> {
  const { name = SAMPLE_IMAGES, validationSplit = 0.2, seed = 1 } = options;
  if (!(validationSplit > 0 && validationSplit < 1)) throw new RangeError(`images: validationSplit must be in (0, 1), got ${validationSplit}`);
  const { meta, data } = await loadImageSet(name);
  const { side, classes } = meta;
  const order = Int32Array.from({ length: meta.count }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const validationSize = Math.round(meta.count * validationSplit);
  const trainSize = meta.count - validationSize;
  if (trainSize < 1 || validationSize < 1) throw new RangeError(`images "${name}": ${meta.count} images leave no training or validation images`);
  const bytes = side * side * 3;
  const take = (from: number, count: number): DataSplit => {
    const x = new Float32Array(count * bytes);
    const y = new Float32Array(count * classes.length);
    for (let i = 0; i < count; i++) {
      const src = order[from + i];
      for (let b = 0; b < bytes; b++) x[i * bytes + b] = data.pixels[src * bytes + b] / 255;
      y[i * classes.length + data.labels[src]] = 1;
    }
    return { x: tf.tensor4d(x, [count, side, side, 3]), y: tf.tensor2d(y, [count, classes.length]) };
  };
  const train = take(0, trainSize);
  const validation = take(trainSize, validationSize);
  return {
    train,
    validation,
    fingerprint: `images:${name}:sha256=${meta.fingerprint.slice(0, 16)}:val=${validationSplit}:seed=${seed}`,
    info: { name: `images:${name}`, inputShape: [side, side, 3], numClasses: classes.length, trainSize, validationSize, target: 'one-hot' },
    images: { classes, counts: meta.counts, side, bad: meta.bad },
    dispose: () => [train.x, train.y, validation.x, validation.y].forEach((t) => t.dispose()),
  };
}

async function loadImageSet(name: string): Promise<{ meta: ImageSetMeta; data: ImageSetData }> {
  if (name === SAMPLE_IMAGES) {
    const files = await unzipEntries(await readSampleFile(SAMPLE_FILES.images));
    const { entries, skipped } = sortImageEntries(files.map((f) => ({ path: f.path, source: f.bytes })));
    return assembleImageSet({ name, side: SAMPLE_SIDE, entries, skipped, decode: decodeImageBytes });
  }
  const db = await openDatasetsDb();
  try {
    const [meta, data] = await Promise.all([db.get('imageSets', name), db.get('imageData', name)]);
    if (!meta || !data) {
      const stored = await db.getAllKeys('imageSets');
      throw new RangeError(`no image set "${name}" in this browser (stored: ${stored.length ? stored.join(', ') : 'none'}; drop a folder or zip on /datasets, or use 'sample')`);
    }
    return { meta, data };
  } finally {
    db.close();
  }
}
