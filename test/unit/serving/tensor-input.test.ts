import { describe, expect, it } from 'vitest';
import { tensorFromBytes, tensorFromJson } from '@/lib/server/model-serving/tensor-input';
import { HttpError } from '@/lib/server/http/errors';

const mlp = { name: 'x', dims: ['N', 4], dtype: 'float32' };

function refusal(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('tensorFromJson', () => {
  it('reads dims from a nested array and from {dims, data}', () => {
    expect(tensorFromJson([[1, 2, 3, 4], [5, 6, 7, 8]], mlp).dims).toEqual([2, 4]);
    const t = tensorFromJson({ dims: [1, 4], data: [1, 2, 3, 4] }, mlp);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['wrong width', [[1, 2, 3]], 'axis 1 must be 4'],
    ['wrong rank', [1, 2, 3, 4], 'rank 1, not 2'],
    ['ragged rows', [[1, 2, 3, 4], [1, 2, 3]], 'ragged'],
    ['a string value', [[1, 2, 'a', 4]], 'string where a number belongs'],
    ['data/dims disagree', { dims: [1, 4], data: [1, 2] }, '2 values for dims [1, 4]'],
    ['an empty batch', [], 'rank 1'],
  ])('%s → 400 naming the expected input', (_, value, detail) => {
    const err = refusal(() => tensorFromJson(value as never, mlp));
    expect(err.status).toBe(400);
    expect(err.message).toContain('"x" dims [N, 4] float32');
    expect(err.message).toContain(detail);
    expect(err.field).toBe('inputs.x');
  });

  it('refuses non-integers for an integer input and out-of-range values', () => {
    const ids = { name: 'ids', dims: ['N', 2], dtype: 'int64' };
    expect(refusal(() => tensorFromJson([[1, 2.5]], ids)).message).toContain('2.5 at flat index 1, which is not a int64');
    expect(tensorFromJson([[1, 2]], ids).data).toBeInstanceOf(BigInt64Array);
  });

  it('refuses more rows than the limit', () => {
    expect(refusal(() => tensorFromJson({ dims: [5000, 4], data: [] }, mlp)).message).toContain('the limit is 4096');
  });
});

describe('tensorFromBytes', () => {
  it('reads little-endian float32 at any byte offset', () => {
    const src = new Uint8Array(1 + 16);
    new DataView(src.buffer).setFloat32(1 + 4, 2.5, true);
    const t = tensorFromBytes(src.subarray(1), [1, 4], 'float32', mlp);
    expect(Array.from(t.data as Float32Array)).toEqual([0, 2.5, 0, 0]);
  });

  it('names the expected dtype and byte count', () => {
    expect(refusal(() => tensorFromBytes(new Uint8Array(16), [1, 4], 'int32', mlp)).message).toContain('got dtype int32');
    expect(refusal(() => tensorFromBytes(new Uint8Array(12), [1, 4], 'float32', mlp)).message).toContain('12 body bytes for dims [1, 4] float32 (which need 16)');
  });
});
