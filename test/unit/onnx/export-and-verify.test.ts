import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAndVerify } from '@/lib/onnx';
import { decode, ort, seededInput, seedWeights, useCpuBackend } from './helpers';

/**
 * exportAndVerify end to end: a real onnxruntime-web run per file, a report that passes for a
 * faithful export and fails, saying by how much, for one int8 cannot represent.
 */
function classifier(): tf.LayersModel {
  return tf.sequential({
    layers: [tf.layers.dense({ inputShape: [20], units: 16, activation: 'relu' }), tf.layers.dense({ units: 4, activation: 'softmax' })],
  });
}

async function labelsFrom(model: tf.LayersModel, x: tf.Tensor): Promise<tf.Tensor> {
  return tf.tidy(() => (model.predict(x) as tf.Tensor).argMax(-1));
}

beforeAll(async () => {
  await useCpuBackend();
});

describe('exportAndVerify', () => {
  it('passes a faithful int8 export and reports sizes, accuracy and latency', async () => {
    const model = classifier();
    seedWeights(model, 11);
    const x = seededInput([200, 20], 12);
    const y = await labelsFrom(model, x);
    const { bytes, fp32Bytes, report } = await exportAndVerify(model, { quantize: 'int8', sample: { x, y }, runId: 'run-a', ort });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.models.map((m) => m.format)).toEqual(['fp32', 'int8']);
    const [fp32, int8] = report.models;
    expect(fp32.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(fp32.sizeBytes).toBe(fp32Bytes.length);
    expect(int8.sizeBytes).toBe(bytes.length);
    expect(report.sizeRatio).toBeCloseTo(bytes.length / fp32Bytes.length, 10);
    expect(report.tfjs.accuracy).toBe(1);
    expect(fp32.accuracy).toBe(1);
    expect(int8.top1Agreement).toBeGreaterThanOrEqual(0.99);
    expect(int8.latencyMsPerBatch.wasm).toBeGreaterThan(0);
    expect(report.tfjs.latencyMsPerBatch).toBeGreaterThan(0);
    expect(report.sample).toEqual({ count: 200, batchSize: 64, labelled: true });
    expect(report.runId).toBe('run-a');
    const meta = Object.fromEntries(decode(bytes).metadataProps!.map((p) => [p.key, p.value]));
    expect(meta).toMatchObject({ run_id: 'run-a', quantization: 'int8' });
    x.dispose();
    y.dispose();
  });

  it('fails, with the size of the miss, when int8 cannot represent the weights', async () => {
    const model = classifier();
    seedWeights(model, 13);
    // One huge weight per output column on an input that is always 0 sets the int8 scale so
    // coarse that every informative weight rounds to zero.
    const [k1, b1, k2, b2] = model.getWeights();
    const k2v = (await k2.data()) as Float32Array;
    const spiked = Float32Array.from(k2v);
    for (let c = 0; c < 4; c++) spiked[c] = 1000; // row 0 = hidden unit 0
    const k1v = Float32Array.from(await k1.data());
    for (let i = 0; i < 20; i++) k1v[i * 16] = 0; // hidden unit 0 never fires
    const b1v = Float32Array.from(await b1.data());
    b1v[0] = -1;
    model.setWeights([tf.tensor(k1v, k1.shape), tf.tensor(b1v, b1.shape), tf.tensor(spiked, k2.shape), b2]);
    const x = seededInput([128, 20], 14);
    const y = await labelsFrom(model, x);
    const { report } = await exportAndVerify(model, { quantize: 'int8', sample: { x, y }, ort });
    expect(report.passed).toBe(false);
    expect(report.models[0].maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(report.failures.join('\n')).toMatch(/int8: top-1 agreement \d+\.\d+% is below 99\.00% by \d+\.\d+ points/);
    expect(report.failures.join('\n')).toMatch(/int8: accuracy .* points below fp32/);
  });

  it('int8-static calibrates on given samples and notes the WebGPU CPU fallback', async () => {
    const model = classifier();
    seedWeights(model, 15);
    const x = seededInput([128, 20], 16);
    const calibration = Array.from({ length: 64 }, (_, i) => Float32Array.from({ length: 20 }, (_, j) => Math.sin(i * 20 + j)));
    const { report } = await exportAndVerify(model, { quantize: 'int8-static', calibration, sample: { x }, ort });
    expect(report.models.map((m) => m.format)).toEqual(['fp32', 'int8-static']);
    expect(report.notes.join(' ')).toMatch(/WebGPU/);
    expect(report.models[1].top1Agreement).toBeGreaterThan(0.9);
    expect(report.sample.labelled).toBe(false);
    expect(report.models[1].accuracy).toBeNull();
  });

  it('refuses to export without a sample to verify on', async () => {
    await expect(exportAndVerify(classifier(), { quantize: 'int8' } as unknown as Parameters<typeof exportAndVerify>[1])).rejects.toThrow(/opts\.sample\.x is required/);
  });

  it('rejects calibration samples of the wrong size, naming the sample', async () => {
    const model = classifier();
    const x = seededInput([8, 20], 17);
    await expect(exportAndVerify(model, { quantize: 'int8-static', calibration: [new Float32Array(20), new Float32Array(19)], sample: { x }, ort })).rejects.toThrow(
      /calibration: sample 1 has 19 values, the model input \[20\] needs 20/,
    );
  });
});
