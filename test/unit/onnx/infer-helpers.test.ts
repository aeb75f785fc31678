import { describe, expect, it } from 'vitest';
import { classScores } from '@/lib/onnx/infer/class-scores';
import { batchOneDims, inputKindFor } from '@/lib/onnx/infer/input-kind';
import { exampleJson, parseJsonTensor } from '@/lib/onnx/infer/json-tensor';
import { latencyStats, percentile } from '@/lib/onnx/infer/latency';
import { toMnistDigit } from '@/lib/onnx/infer/pixels';

/** Pure helpers behind the inference page (no DOM, no onnxruntime). */
describe('input kind from the model input', () => {
  it.each([
    [{ name: 'x', type: 'float32', dims: ['N', 784] }, { kind: 'digit', layout: 'flat' }],
    [{ name: 'x', type: 'float32', dims: ['N', 28, 28, 1] }, { kind: 'digit', layout: 'image' }],
    [{ name: 'x', type: 'float32', dims: [1, 2] }, { kind: 'plane' }],
    [{ name: 'x', type: 'int32', dims: ['N', 2] }, { kind: 'json', sampleDims: [2] }],
    [{ name: 'x', type: 'float32', dims: ['N', 5, 'd2'] }, { kind: 'json', sampleDims: [5, 'd2'] }],
  ])('%j → %j', (spec, kind) => {
    expect(inputKindFor(spec)).toEqual(kind);
  });
  it('batch-1 dims', () => {
    expect(batchOneDims({ kind: 'digit', layout: 'image' })).toEqual([1, 28, 28, 1]);
    expect(batchOneDims({ kind: 'json', sampleDims: [3, 'd2'] })).toEqual([1, 3, 1]);
  });
});

describe('JSON tensors', () => {
  it('accepts one sample or a batch', () => {
    expect(parseJsonTensor('[1, 2, 3]', [3])).toEqual({ data: [1, 2, 3], dims: [1, 3] });
    expect(parseJsonTensor('[[1, 2, 3], [4, 5, 6]]', [3])).toEqual({ data: [1, 2, 3, 4, 5, 6], dims: [2, 3] });
    expect(parseJsonTensor('[[1], [2]]', ['d1', 1])).toEqual({ data: [1, 2], dims: [1, 2, 1] });
  });
  it('says what is wrong and where', () => {
    expect(() => parseJsonTensor('[1, 2', [2])).toThrow(/not valid JSON/);
    expect(() => parseJsonTensor('[[1, 2], [3]]', [2])).toThrow(/tensor\[1\]: shape \[1\] differs from \[2\]/);
    expect(() => parseJsonTensor('[1, "a"]', [2])).toThrow(/tensor\[1\]: expected a number/);
    expect(() => parseJsonTensor('[1, 2, 3]', [2])).toThrow(/shape \[3\] does not match the model input \[2\]/);
  });
  it('writes a zero example of the input shape', () => {
    expect(exampleJson([2, 'd1'])).toBe('[[0],[0]]');
  });
});

describe('latency', () => {
  it('nearest-rank percentiles', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(latencyStats(samples)).toEqual({ runs: 20, p50Ms: 10, p95Ms: 19, minMs: 1 });
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('class scores', () => {
  it('keeps a softmax output as it is', () => {
    expect(classScores([0.1, 0.7, 0.2])).toEqual({ probabilities: [0.1, 0.7, 0.2], top: 1, softmaxApplied: false });
  });
  it('softmaxes raw logits for display and says so', () => {
    const s = classScores([2, 0, -1]);
    expect(s.top).toBe(0);
    expect(s.softmaxApplied).toBe(true);
    expect(s.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
  it('reads one sigmoid unit as two classes', () => {
    expect(classScores([0.8])).toEqual({ probabilities: [0.19999999999999996, 0.8], top: 1, softmaxApplied: false });
  });
});

describe('drawing to MNIST digit', () => {
  it('centres a stroke drawn in a corner and keeps it inside the 20×20 box', () => {
    const side = 100;
    const img = new Float32Array(side * side);
    for (let y = 5; y < 45; y++) for (let x = 10; x < 18; x++) img[y * side + x] = 1; // a "1" top-left
    const digit = toMnistDigit(img, side);
    let mass = 0, cy = 0, cx = 0, top = 28, bottom = 0;
    digit.forEach((v, i) => {
      mass += v;
      cy += v * Math.floor(i / 28);
      cx += v * (i % 28);
      if (v > 0) {
        top = Math.min(top, Math.floor(i / 28));
        bottom = Math.max(bottom, Math.floor(i / 28));
      }
    });
    expect(Math.abs(cy / mass - 14)).toBeLessThan(1);
    expect(Math.abs(cx / mass - 14)).toBeLessThan(1);
    expect(bottom - top + 1).toBe(20);
  });
  it('returns zeros for an empty pad', () => {
    expect(toMnistDigit(new Float32Array(50 * 50), 50).every((v) => v === 0)).toBe(true);
  });
});
