/**
 * The two measurements of `npm run bench:train`, as notebook cells run by the real kernel worker:
 * the same MLP, data, batches and validation, (a) with plain `model.fit` and (b) through
 * `bench.train` with full tracking (IndexedDB run, per-batch metrics, events, checkpoint).
 */
export function setupCell(options: { batches: number; batchSize: number }): string {
  return `
const BATCHES = ${options.batches};
const BATCH_SIZE = ${options.batchSize};
const data = await bench.datasets.mnist({ trainSize: BATCHES * BATCH_SIZE, testSize: 500, seed: 1 });
function mlp() {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ] });
}
// Warm up both paths (shader compilation, kernel caches) before anything is timed.
const warm = mlp();
warm.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await warm.fit(data.train.x.slice(0, BATCH_SIZE * 3), data.train.y.slice(0, BATCH_SIZE * 3), { batchSize: BATCH_SIZE, epochs: 1 });
const warmData = { train: { x: data.train.x.slice(0, BATCH_SIZE * 3), y: data.train.y.slice(0, BATCH_SIZE * 3) }, validation: data.validation };
await bench.train({ name: 'bench-warmup', model: mlp(), data: warmData, epochs: 1, batchSize: BATCH_SIZE, seed: 1 });
tf.getBackend()`;
}

export const RAW_CELL = `
const rawModel = mlp();
rawModel.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const rawStart = performance.now();
await rawModel.fit(data.train.x, data.train.y, { batchSize: BATCH_SIZE, epochs: 1, shuffle: true, validationData: [data.validation.x, data.validation.y] });
const rawSeconds = (performance.now() - rawStart) / 1000;
rawModel.dispose();
BATCHES * BATCH_SIZE / rawSeconds`;

export const BENCH_CELL = `
const benchStart = performance.now();
const result = await bench.train({ name: 'bench-train', model: mlp(), data, optimizer: 'adam', learningRate: 0.001, epochs: 1, batchSize: BATCH_SIZE, seed: 1, checkpointEvery: 1 });
const benchSeconds = (performance.now() - benchStart) / 1000;
result.model.dispose();
BATCHES * BATCH_SIZE / benchSeconds`;
