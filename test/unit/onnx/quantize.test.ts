import { describe, expect, it } from 'vitest';
import { quantizeSymmetricPerChannel, uint8Params } from '@/lib/onnx/quantize/per-channel';
import { DEFAULT_TOLERANCES, toleranceFailures, type ModelCheck } from '@/lib/onnx/report';

describe('symmetric per-channel int8', () => {
  it('scales each output column (axis 1) by its max |w| / 127', () => {
    // [2, 3]: columns (1, -0.6), (0, 0), (0.3, 2.54)
    const { q, scales } = quantizeSymmetricPerChannel(Float32Array.of(1, 0, 0.3, -0.6, 0, 2.54), [2, 3], 1);
    expect([...scales]).toEqual([Math.fround(1 / 127), 1, Math.fround(2.54 / 127)]);
    expect([...q]).toEqual([127, 0, 15, -76, 0, 127]);
  });

  it('scales each row (axis 0) of a conv weight [out, in, kh, kw]', () => {
    const data = Float32Array.of(-4, 2.1, 1, 0, 0.11, -0.2, 0.05, 0);
    const { q, scales } = quantizeSymmetricPerChannel(data, [2, 1, 2, 2], 0);
    expect([...scales]).toEqual([Math.fround(4 / 127), Math.fround(0.2 / 127)]);
    expect([...q]).toEqual([-127, 67, 32, 0, 70, -127, 32, 0]);
  });

  it('never leaves [-127, 127] and dequantizes within half a step', () => {
    const data = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 5)));
    const { q, scales } = quantizeSymmetricPerChannel(data, [16, 4], 1);
    data.forEach((v, i) => {
      expect(Math.abs(q[i])).toBeLessThanOrEqual(127);
      expect(Math.abs(q[i] * scales[i % 4] - v)).toBeLessThanOrEqual(scales[i % 4] / 2 + 1e-7);
    });
  });
});

describe('uint8 activation parameters', () => {
  it('spans [min, max] with 0 exactly representable', () => {
    const { scale, zeroPoint } = uint8Params(-1, 3);
    expect(scale).toBe(Math.fround(4 / 255));
    expect(zeroPoint).toBe(64);
  });
  it('extends an all-positive range down to 0 (zero point 0)', () => {
    expect(uint8Params(0.5, 6)).toEqual({ scale: Math.fround(6 / 255), zeroPoint: 0 });
  });
  it('survives a constant zero activation', () => {
    expect(uint8Params(0, 0)).toEqual({ scale: 1, zeroPoint: 0 });
  });
});

describe('tolerances', () => {
  const check = (over: Partial<ModelCheck>): ModelCheck => ({
    format: 'int8',
    sizeBytes: 30_000,
    maxAbsDiff: 1e-3,
    referenceMaxAbs: 1,
    psnrDb: null,
    top1Agreement: 1,
    accuracy: 0.9,
    latencyMsPerBatch: { wasm: 1, webgpu: null },
    ...over,
  });
  const fp32 = check({ format: 'fp32', sizeBytes: 110_000, maxAbsDiff: 2e-6 });

  it('passes a good export', () => {
    expect(toleranceFailures(fp32, fp32, DEFAULT_TOLERANCES)).toEqual([]);
    expect(toleranceFailures(check({}), fp32, DEFAULT_TOLERANCES)).toEqual([]);
  });
  it('says by how much each tolerance was missed', () => {
    expect(toleranceFailures(check({ format: 'fp32', maxAbsDiff: 3e-5 }), fp32, DEFAULT_TOLERANCES)).toEqual(['fp32: max abs diff 3.00e-5 exceeds 1.00e-5 by 2.00e-5']);
    const failures = toleranceFailures(check({ top1Agreement: 0.97, accuracy: 0.89, sizeBytes: 40_000 }), fp32, DEFAULT_TOLERANCES);
    expect(failures).toEqual([
      'int8: top-1 agreement 97.00% is below 99.00% by 2.00 points',
      'int8: accuracy 89.00% is 1.00 points below fp32 (90.00%); allowed 0.5',
      'int8: file is 36.36% of fp32 (40000 / 110000 bytes), above 30.00% by 6.36 points',
    ]);
  });
  it('scales the fp32 limit by the largest output magnitude above 1 (pixels in [0, 255])', () => {
    expect(toleranceFailures(check({ format: 'fp32', maxAbsDiff: 3.4e-4, referenceMaxAbs: 305 }), fp32, DEFAULT_TOLERANCES)).toEqual([]);
    expect(toleranceFailures(check({ format: 'fp32', maxAbsDiff: 4e-3, referenceMaxAbs: 305 }), fp32, DEFAULT_TOLERANCES)).toEqual([
      'fp32: max abs diff 4.00e-3 exceeds 3.05e-3 (1.00e-5 × the largest |output| 305.0000) by 9.50e-4',
    ]);
    expect(toleranceFailures(check({ format: 'fp32', maxAbsDiff: 2e-5, referenceMaxAbs: 0.9 }), fp32, DEFAULT_TOLERANCES)).toEqual(['fp32: max abs diff 2.00e-5 exceeds 1.00e-5 by 1.00e-5']);
  });
  it('judges image outputs by PSNR, saying by how many dB they missed', () => {
    const image = (psnrDb: number) => check({ psnrDb, top1Agreement: null, accuracy: null });
    expect(toleranceFailures(image(41.2), fp32, DEFAULT_TOLERANCES)).toEqual([]);
    expect(toleranceFailures(image(35), fp32, DEFAULT_TOLERANCES)).toEqual([]);
    expect(toleranceFailures(image(31.25), fp32, DEFAULT_TOLERANCES)).toEqual(['int8: PSNR 31.3 dB against tfjs is below 35 dB by 3.8 dB']);
  });
  it('skips the size ratio for small models', () => {
    expect(toleranceFailures(check({ sizeBytes: 90_000 }), { ...fp32, sizeBytes: 99_000 }, DEFAULT_TOLERANCES)).toEqual([]);
  });
});
