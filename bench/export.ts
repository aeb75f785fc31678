/**
 * `npm run bench:export`: trains the MNIST MLP and CNN templates briefly with tfjs (cpu backend,
 * Node), exports each as fp32, int8 (weight-only) and int8-static, runs every file in
 * onnxruntime-web (wasm, one thread) against tfjs on a held-out test split (1,000 digits), and prints JSON:
 * sizes, size ratio, accuracies, top-1 agreement, max abs diff, latency per batch. All in one process.
 * tfjs's cpu backend trains convolutions slowly in Node (about 13 samples/s of CPU time measured
 * here), so the CNN gets a shorter schedule; the point is export fidelity, not accuracy.
 * Then the export zoo (bench/lib/export-zoo-bench.ts): published tfjs Layers models from npm,
 * exported and verified with tfjs on the wasm backend.
 * Env overrides: BENCH_MLP_TRAIN, BENCH_MLP_EPOCHS, BENCH_CNN_TRAIN, BENCH_CNN_EPOCHS, BENCH_TEST_SIZE;
 * BENCH_MNIST=0 or BENCH_ZOO=0 skips a part.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { loadMnist, MNIST_PIXELS, splitMnist, type MnistImages } from '../lib/data/mnist';
import { readMnistFromDisk } from '../lib/data/mnist-node';
import { exportAndVerify, type ExportReport } from '../lib/onnx';
import { startFastestBackend } from '../lib/onnx/cli/backend';
import { benchZoo } from './lib/export-zoo-bench';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TEST_SIZE = env('BENCH_TEST_SIZE', 1000);
const CALIBRATION_SIZE = 512;
const BATCH = 64;

ort.env.wasm.numThreads = 1;

type Layout = 'flat' | 'image';

/** The templates' architectures (lib/bench/templates/mnist-mlp.ts, mnist-cnn.ts). */
const MODELS: { name: string; layout: Layout; learningRate: number; batchSize: number; trainSize: number; epochs: number; build: () => tf.LayersModel }[] = [
  {
    name: 'mnist-mlp',
    layout: 'flat',
    trainSize: env('BENCH_MLP_TRAIN', 6000),
    epochs: env('BENCH_MLP_EPOCHS', 2),
    learningRate: 0.001,
    batchSize: 128,
    build: () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] }),
  },
  {
    name: 'mnist-cnn',
    layout: 'image',
    trainSize: env('BENCH_CNN_TRAIN', 2000),
    epochs: env('BENCH_CNN_EPOCHS', 1),
    learningRate: 0.002,
    batchSize: 64,
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 128, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      }),
  },
];

function tensors(images: MnistImages, layout: Layout, count = images.count): { x: tf.Tensor; y: tf.Tensor } {
  const x = Float32Array.from(images.pixels.subarray(0, count * MNIST_PIXELS), (v) => v / 255);
  const shape = layout === 'flat' ? [count, 784] : [count, 28, 28, 1];
  // Float labels: tfjs's sparseCategoricalCrossentropy floors them and refuses int32.
  return { x: tf.tensor(x, shape), y: tf.tensor1d(Float32Array.from(images.labels.subarray(0, count))) };
}

const round = (x: number | null, digits = 4) => (x === null ? null : Number(x.toFixed(digits)));

function summarize(report: ExportReport) {
  return Object.fromEntries(
    report.models.map((m) => [
      m.format,
      {
        sizeBytes: m.sizeBytes,
        accuracy: round(m.accuracy),
        top1Agreement: round(m.top1Agreement),
        maxAbsDiff: Number(m.maxAbsDiff.toPrecision(3)),
        ortWasmMsPerBatch: round(m.latencyMsPerBatch.wasm, 2),
      },
    ]),
  );
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  readMnistFromDisk();
  // One split for both models: same test digits; each model trains on a prefix of the train part.
  const split = await splitMnist(await loadMnist(), { trainSize: Math.max(...MODELS.map((m) => m.trainSize)), testSize: TEST_SIZE, seed: 1 });
  const results = [];
  for (const spec of process.env.BENCH_MNIST === '0' ? [] : MODELS) {
    const model = spec.build();
    model.compile({ optimizer: tf.train.adam(spec.learningRate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const train = tensors(split.train, spec.layout, spec.trainSize);
    const t0 = performance.now();
    await model.fit(train.x, train.y, { epochs: spec.epochs, batchSize: spec.batchSize, shuffle: true, verbose: 0 });
    const trainSeconds = (performance.now() - t0) / 1000;
    console.error(`bench:export ${spec.name}: trained in ${trainSeconds.toFixed(1)} s; exporting and verifying…`);
    const test = tensors(split.test, spec.layout);
    const calibration = tensors(split.train, spec.layout, CALIBRATION_SIZE).x;

    const int8 = await exportAndVerify(model, { quantize: 'int8', sample: test, batchSize: BATCH, runId: `bench-${spec.name}`, ort });
    console.error(`bench:export ${spec.name}: int8 verified (passed: ${int8.report.passed}); int8-static…`);
    const int8Static = await exportAndVerify(model, { quantize: 'int8-static', calibration, sample: test, batchSize: BATCH, runId: `bench-${spec.name}`, ort });
    // What per-channel weight scales (the default) gain over one scale per weight tensor.
    const perTensor = await exportAndVerify(model, { quantize: 'int8', weightScales: 'per-tensor', sample: test, batchSize: BATCH, ort });
    const fp16 = await exportAndVerify(model, { quantize: 'fp16', sample: test, batchSize: BATCH, ort });
    const fp32Size = int8.fp32Bytes.length;
    results.push({
      model: spec.name,
      params: model.countParams(),
      train: { samples: spec.trainSize, epochs: spec.epochs, seconds: round(trainSeconds, 1) },
      tfjs: { backend: int8.report.tfjs.backend, accuracy: round(int8.report.tfjs.accuracy), msPerBatch: round(int8.report.tfjs.latencyMsPerBatch, 2) },
      ...summarize(int8.report),
      'int8-static': summarize(int8Static.report)['int8-static'],
      'int8-per-tensor': summarize(perTensor.report).int8,
      fp16: summarize(fp16.report).fp16,
      sizeRatio: { int8: round(int8.bytes.length / fp32Size), 'int8-static': round(int8Static.bytes.length / fp32Size), fp16: round(fp16.bytes.length / fp32Size) },
      passed: { int8: int8.report.passed, 'int8-static': int8Static.report.passed },
      failures: [...int8.report.failures, ...int8Static.report.failures.filter((f) => !f.startsWith('fp32'))],
    });
    [train.x, train.y, test.x, test.y, calibration].forEach((t) => t.dispose());
    model.dispose();
  }
  // The zoo's reference predictions: tfjs on wasm, as the command line takes them.
  const zooBackend = process.env.BENCH_ZOO === '0' ? null : (await startFastestBackend()).backend;
  const zoo = zooBackend ? await benchZoo((s) => console.error(s)) : [];
  console.log(
    JSON.stringify(
      {
        bench: 'export',
        runtime: { node: process.version, tfjs: tf.version.tfjs, tfjsBackend: 'cpu', onnxruntimeWeb: ort.env.versions.web, ortProvider: 'wasm', ortThreads: 1 },
        testSamples: TEST_SIZE,
        batchSize: BATCH,
        results,
        zoo: { tfjsBackend: zooBackend, models: zoo },
      },
      null,
      2,
    ),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
