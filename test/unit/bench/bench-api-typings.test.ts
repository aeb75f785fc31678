import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_DTS } from '@/lib/bench/typings.generated';
import { createTestSession } from './node-session';
import { cellDiagnostics } from './typecheck-cells';
import { createBench } from '@/lib/bench/create-bench';

/**
 * The editor's typings of `bench` are generated from lib/bench/api-types.ts (the interface
 * createBench implements). These tests fail when the shipped text is stale, when a public function
 * is added without being exercised here, or when the API stops accepting the documented cell code.
 */
const root = path.resolve(import.meta.dirname, '../../..');

/** One cell calling every public `bench` function, as a notebook would (each call typed). */
const EVERY_FUNCTION_CELL = `export async function cell() {
  const mnist: Bench.Dataset = await bench.datasets.mnist({ trainSize: 100, testSize: 50, seed: 1, layout: 'image' });
  const spirals = await bench.datasets.spirals({ n: 200, noise: 0.1, seed: 2, validationSplit: 0.2 });
  const circles = await bench.datasets.circles();
  const xor = await bench.datasets.xor({ n: 50 });
  const gaussians = await bench.datasets.gaussians({ noise: 0.3 });
  [mnist, circles, xor, gaussians].forEach((d) => d.dispose());
  const inputShape: number[] = spirals.info.inputShape;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape, units: 8, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
  const result: Bench.TrainResult = await bench.train({
    model, data: spirals, name: 'all', config: { units: 8 }, optimizer: 'adam', learningRate: 0.01, loss: 'binaryCrossentropy',
    metrics: ['accuracy'], epochs: 2, batchSize: 16, seed: 3, checkpointEvery: 1, earlyStopping: { monitor: 'val/loss', patience: 2, mode: 'min' },
    boundary: true, initialWeights: 'seeded', tags: { kind: 'test' },
    onEpochEnd: (epoch: number, logs: Bench.EpochLogs, run: { runId: string }) => (logs['val/loss'] > 9 ? { stop: true, reason: \`\${run.runId} \${epoch}\` } : undefined),
  });
  const accuracy: number | undefined = result.summary['val/accuracy']?.last;
  const status: 'running' | 'finished' | 'failed' | 'crashed' | 'stopped' = result.status;
  const manual: Bench.ManualRun = bench.run({ name: 'loop', config: { lr: 0.1 }, seed: 4, datasetFingerprint: spirals.fingerprint, tags: {} });
  const runId: string = await manual.ready;
  manual.log({ loss: 0.5 }, 0);
  const finished: Bench.StoredRun = await manual.finish('finished', 'done');
  const loaded = await bench.load(result.runId);
  await bench.export(loaded, { quantize: 'int8', data: spirals, runId });
  const epochs: number = bench.param('epochs', 3);
  const optimizer: string = bench.param('optimizer', 'adam');
  const runs: Bench.StoredRun[] = await bench.runs();
  const sweep: Bench.BenchSweepResult = await bench.sweep({ method: 'grid', parameters: { units: { values: [4, 8] } } }, async (config) => config.units * 2, { count: 2, seed: 0 });
  await bench.sweep.join(sweep.sweepId, async (config, trial) => (await trial.reportEpoch(1, { loss: config.lr })).stop, { count: 1 });
  const mail: Bench.TextDataset = await bench.datasets.spamAssassin({ validationSplit: 0.2, seed: 1 });
  const tokenizer: Bench.BpeTokenizer = bench.text.trainTokenizer(mail.train.texts, { vocabSize: 300 });
  const attention = bench.text.layers.selfAttention({ numHeads: 2 });
  const positions = bench.text.layers.positionEmbedding();
  const ids = tf.tensor2d(tokenizer.encodeBatch(mail.validation.texts.slice(0, 1), 16), [1, 16], 'int32');
  const textModel = tf.sequential({ layers: [tf.layers.embedding({ inputDim: tokenizer.vocabSize, outputDim: 8, inputShape: [16] }), positions, attention, tf.layers.globalAveragePooling1d(), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
  const maps: number[][][] = await bench.text.attention(textModel, ids);
  bench.heatmap(maps[0], { title: 'head 1' });
  const watching: Bench.WatchHandle = bench.watch(model, { every: 10 });
  watching.unwatch();
  const table: Bench.TableDataset = await bench.datasets.table({ name: 'sample', missing: 'impute' });
  const forest: Bench.RandomForestResult = await bench.randomForest({ data: table, nEstimators: 5, seed: 1 });
  const images: Bench.ImageDataset = await bench.datasets.images({ validationSplit: 0.2 });
  const speech: Bench.SpeechDataset = await bench.datasets.speech({ source: 'sample', words: ['yes', 'no'] });
  const registered: Bench.BenchRegisterResult = await bench.register('blobs', { runId: result.runId });
  return [accuracy, status, finished.summary, epochs, optimizer, runs.length, sweep.best?.metric, forest.validationAccuracy, images.images.classes, speech.speech.words, registered.version, table.table.target];
}`;

/** Public functions by path, read from a real `bench` object (so a new one cannot be missed). */
function publicFunctions(bench: object, prefix = 'bench'): string[] {
  return Object.entries(bench).flatMap(([key, value]) => {
    const name = `${prefix}.${key}`;
    if (typeof value === 'function') return [name, ...publicFunctions(value, name)];
    if (value && typeof value === 'object') return publicFunctions(value, name);
    return [];
  });
}

describe('generated bench typings (lib/bench/typings.generated.ts)', () => {
  it('was generated from the current sources and not edited since (hashes in its header)', async () => {
    // @ts-expect-error -- a plain .mjs script without typings
    const gen = (await import('../../../scripts/gen-bench-dts.mjs')) as { inputsHash(): string; sha256(text: string): string };
    const text = readFileSync(path.join(root, 'lib/bench/typings.generated.ts'), 'utf8');
    expect(text.match(/^\/\/ inputs-sha256: (\w+)$/m)?.[1], 'stale: run npm run gen:bench-dts').toBe(gen.inputsHash());
    expect(text.match(/^\/\/ output-sha256: (\w+)$/m)?.[1], 'edited by hand').toBe(gen.sha256(BENCH_DTS));
  });

  it('the test cell calls every public bench function', async () => {
    const names = publicFunctions(createBench(await createTestSession()));
    expect(names).toEqual(expect.arrayContaining(['bench.train', 'bench.sweep', 'bench.sweep.join', 'bench.datasets.mnist']));
    const missing = names.filter((n) => !new RegExp(`${n.replace(/\./g, '\\.')}\\(`).test(EVERY_FUNCTION_CELL));
    expect(missing).toEqual([]);
  });

  it('type-checks a cell using every public bench function, and rejects misuse', () => {
    const errors = cellDiagnostics({
      '__every.ts': EVERY_FUNCTION_CELL,
      '__misuse.ts': `export async function f() { bench.param('x', 1).toUpperCase(); await bench.datasets.mnist({ layout: 'nchw' }); await bench.nope(); }`,
    });
    expect(errors.filter((e) => e.startsWith('/__every'))).toEqual([]);
    const misuse = errors.filter((e) => e.startsWith('/__misuse')).join('\n');
    expect(misuse).toMatch(/toUpperCase/);
    expect(misuse).toMatch(/nchw/);
    expect(misuse).toMatch(/nope/);
  }, 120_000);

  it('is generated, not hand-written: the checked-in sources hold no copy of it', () => {
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\/lib\/bench\/typings\.generated\.ts$/m);
  });
});
