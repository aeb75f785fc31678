import type * as tfType from '@tensorflow/tfjs';
import { MNIST_SOURCE } from '../../data/mnist';
import type { PointSet2D } from '../../data/synthetic';
import { mnistDataset, syntheticDataset, type Dataset } from '../datasets';
import type { Tf } from '../../kernel/session';

/**
 * The inputs an ONNX export is verified on. A run's dataset fingerprint says exactly which
 * samples it was trained on (source, sizes, seed, digest), so its validation split can be
 * rebuilt; a run without one is checked on generated inputs of the model's input shape.
 */
export interface ValidationSample {
  x: tfType.Tensor | tfType.Tensor[];
  /** Labels (one-hot or class indices) when the sample is real data. */
  y?: tfType.Tensor;
  source: 'dataset' | 'generated';
  /** One sentence for the UI and the report's notes: what the agreement was measured on. */
  description: string;
  dispose(): void;
}

/** Rows verified at most: enough for a stable agreement %, quick on the cpu backend. */
export const MAX_SAMPLE_ROWS = 1000;

export type DatasetRecipe =
  | { kind: 'mnist'; trainSize: number; testSize: number; seed: number; layout: 'flat' | 'image' }
  | { kind: 'synthetic'; name: PointSet2D['name']; n: number; noise: number; seed: number; validationSplit: number };

const SYNTHETIC: readonly PointSet2D['name'][] = ['spirals', 'circles', 'xor', 'gaussians'];

function fields(parts: string[]): Map<string, string> {
  return new Map(parts.filter((p) => p.includes('=')).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

/** How to rebuild the dataset behind a fingerprint made by `bench.datasets.*`, or null for others. */
export function parseDatasetFingerprint(fingerprint: string): DatasetRecipe | null {
  const parts = fingerprint.split(':');
  const f = fields(parts);
  const num = (key: string) => (f.has(key) ? Number(f.get(key)) : NaN);
  if (parts[0] === MNIST_SOURCE) {
    const layout: 'flat' | 'image' = parts.at(-1) === 'image' ? 'image' : 'flat';
    const recipe = { kind: 'mnist' as const, trainSize: num('train'), testSize: num('test'), seed: num('seed'), layout };
    return [recipe.trainSize, recipe.testSize, recipe.seed].every(Number.isFinite) ? recipe : null;
  }
  const name = parts[0] as PointSet2D['name'];
  if (SYNTHETIC.includes(name)) {
    const recipe = { kind: 'synthetic' as const, name, n: num('n'), noise: num('noise'), seed: num('seed'), validationSplit: num('val') };
    return [recipe.n, recipe.noise, recipe.seed, recipe.validationSplit].every(Number.isFinite) ? recipe : null;
  }
  return null;
}

function describeRecipe(r: DatasetRecipe): string {
  return r.kind === 'mnist' ? `MNIST test split (${r.testSize} digits, seed ${r.seed})` : `${r.name} validation split (seed ${r.seed})`;
}

function sameShape(a: readonly (number | null)[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || d === b[i]);
}

/**
 * The validation split of the dataset a run was trained on (first `maxRows` rows), or a reason
 * why it cannot be used: an unknown fingerprint, a digest that no longer matches, or inputs of
 * another shape than the model's.
 */
export async function datasetSample(tf: Tf, options: { fingerprint: string; model: tfType.LayersModel; maxRows?: number }): Promise<ValidationSample | { reason: string }> {
  const recipe = parseDatasetFingerprint(options.fingerprint);
  if (!recipe) return { reason: `the run's dataset (${options.fingerprint}) is not a built-in one this page can rebuild` };
  let dataset: Dataset;
  try {
    dataset =
      recipe.kind === 'mnist'
        ? await mnistDataset(tf, { trainSize: recipe.trainSize, testSize: recipe.testSize, seed: recipe.seed, layout: recipe.layout })
        : await syntheticDataset(tf, recipe.name, { n: recipe.n, noise: recipe.noise, seed: recipe.seed, validationSplit: recipe.validationSplit });
  } catch (e) {
    return { reason: `rebuilding the run's dataset failed (${e instanceof Error ? e.message : String(e)})` };
  }
  try {
    if (dataset.fingerprint !== options.fingerprint) return { reason: `the rebuilt dataset's fingerprint ${dataset.fingerprint} differs from the run's ${options.fingerprint}` };
    const { x, y } = dataset.validation;
    if (options.model.inputs.length !== 1 || !sameShape(options.model.inputs[0].shape.slice(1), x.shape.slice(1))) {
      return { reason: `the model's input shape [${options.model.inputs.map((i) => i.shape.slice(1).join(', ')).join('; ')}] is not the dataset's [${x.shape.slice(1).join(', ')}]` };
    }
    const rows = Math.min(x.shape[0], options.maxRows ?? MAX_SAMPLE_ROWS);
    const xs = tf.slice(x, 0, rows);
    const ys = tf.slice(y, 0, rows);
    return {
      x: xs,
      y: ys,
      source: 'dataset',
      description: `${rows} labelled samples of the run's ${describeRecipe(recipe)}, rebuilt from its dataset fingerprint`,
      dispose: () => tf.dispose([xs, ys]),
    };
  } finally {
    dataset.dispose();
  }
}

/** Integer inputs for an Embedding first layer (indices below its inputDim), else uniform [0, 1). */
function generatedInput(tf: Tf, model: tfType.LayersModel, input: tfType.SymbolicTensor, rows: number, seed: number): tfType.Tensor {
  const shape = [rows, ...input.shape.slice(1).map((d) => d ?? 1)];
  const consumer = model.layers.find((l) => l.inboundNodes.some((n) => n.inputTensors.includes(input)));
  if (consumer?.getClassName() === 'Embedding') {
    const inputDim = Number(consumer.getConfig().inputDim);
    return tf.randomUniform(shape, 0, inputDim, 'int32', seed);
  }
  return tf.randomUniform(shape, 0, 1, 'float32', seed);
}

/** `rows` generated inputs per model input (seeded): for models whose data cannot be rebuilt. */
export function generatedSample(tf: Tf, options: { model: tfType.LayersModel; rows?: number; seed?: number; reason?: string }): ValidationSample {
  const rows = options.rows ?? 256;
  const seed = options.seed ?? 1;
  const xs = options.model.inputs.map((input, i) => generatedInput(tf, options.model, input, rows, seed + i));
  const shapes = options.model.inputs.map((i) => `[${i.shape.slice(1).join(', ')}]`).join(', ');
  const why = options.reason ? ` (${options.reason})` : '';
  return {
    x: xs.length === 1 ? xs[0] : xs,
    source: 'generated',
    description: `${rows} generated inputs of shape ${shapes}, uniform in [0, 1) (seed ${seed}), unlabelled${why}: agreement says the exported file picks tfjs's class on them, not accuracy on real data`,
    dispose: () => tf.dispose(xs),
  };
}

/** The run's validation data when it can be rebuilt, else a generated sample saying why. */
export async function validationSampleFor(tf: Tf, options: { model: tfType.LayersModel; fingerprint: string | null; maxRows?: number }): Promise<ValidationSample> {
  if (!options.fingerprint) return generatedSample(tf, { model: options.model, reason: 'the run records no dataset' });
  const found = await datasetSample(tf, { fingerprint: options.fingerprint, model: options.model, maxRows: options.maxRows });
  return 'reason' in found ? generatedSample(tf, { model: options.model, reason: found.reason }) : found;
}
