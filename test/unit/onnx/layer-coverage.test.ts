import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx } from '@/lib/onnx';
import { SUPPORTED_LAYER_CLASSES } from '@/lib/onnx/layers';
import { maxAbsDiff, predict, runOnnx, seededInput, seedWeights, useCpuBackend } from './helpers';
import { LAYER_CASES, type LayerCase } from './layer-cases';
import { layerTable, readmeTable } from './layer-table';
import { OnnxChecker } from './onnx-checker';

/**
 * Every exportable layer class, exported fp32 and int8 (weight-only) from a small seeded model,
 * run in onnxruntime-web next to tfjs's predict, and checked by the official ONNX checker.
 * fp32: max abs diff ≤ 1e-4. int8: max abs diff ≤ 3% of the largest |output| (+1e-4), per output.
 */
const FP32_TOLERANCE = 1e-4;
const INT8_RELATIVE = 0.03;

const checker = new OnnxChecker();
const covered = new Set<string>();

function classesOf(layers: tf.layers.Layer[], into: Set<string>): void {
  for (const l of layers) {
    into.add(l.getClassName());
    const inner = l as unknown as { layers?: tf.layers.Layer[]; layer?: tf.layers.Layer; forwardLayer?: tf.layers.Layer; backwardLayer?: tf.layers.Layer };
    if (inner.layers) classesOf(inner.layers, into);
    classesOf([inner.layer, inner.forwardLayer, inner.backwardLayer].filter((x): x is tf.layers.Layer => x !== undefined), into);
  }
}

function inputsFor(c: LayerCase, seed: number): tf.Tensor[][] {
  if (c.feed) return c.feed();
  const runs = c.runShapes ?? [c.inputs.map((spec) => [3, ...spec.shape])];
  return runs.map((shapes, r) => shapes.map((shape, k) => seededInput(shape, seed + 10 * r + k, { dtype: c.inputs[k].dtype, intMax: c.inputs[k].intMax })));
}

function int8Tolerance(expected: Float32Array[]): number {
  const peak = Math.max(...expected.map((o) => o.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  return INT8_RELATIVE * peak + 1e-4;
}

beforeAll(async () => {
  await useCpuBackend();
});

describe('layer coverage: every exportable class, fp32 and int8, vs tfjs', () => {
  it.each(LAYER_CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const model = c.build();
    seedWeights(model, 3000 + i);
    const fp32 = await exportOnnx(model, { quantize: 'none' });
    const int8 = await exportOnnx(model, { quantize: 'int8' });
    checker.add(`${c.name} fp32`, fp32);
    checker.add(`${c.name} int8`, int8);
    for (const xs of inputsFor(c, 4000 + 100 * i)) {
      const expected = await predict(model, xs);
      const fp32Out = await runOnnx(fp32, xs);
      expect(fp32Out.map((o) => o.length)).toEqual(expected.map((o) => o.length));
      expect(maxAbsDiff(fp32Out, expected), `fp32 on ${xs.map((x) => `[${x.shape}]`).join(' ')}`).toBeLessThanOrEqual(FP32_TOLERANCE);
      expect(maxAbsDiff(await runOnnx(int8, xs), expected), 'int8').toBeLessThanOrEqual(int8Tolerance(expected));
      xs.forEach((x) => x.dispose());
    }
    classesOf(model.layers, covered);
    model.dispose();
  });

  it('covers every registered layer class', () => {
    expect(SUPPORTED_LAYER_CLASSES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it("README's layer table is the one the registry and these cases generate (npm run gen:onnx-layer-table)", async () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readmeTable(readme)).toBe(await layerTable());
  });

  it('every exported file passes onnx.checker (full_check) and strict shape inference', async () => {
    const files = checker.count;
    expect(await checker.run()).toEqual([]);
    expect(files).toBe(2 * LAYER_CASES.length);
  });
});
