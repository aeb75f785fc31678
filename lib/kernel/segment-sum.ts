import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface BackendLike {
  readSync(dataId: object): ArrayLike<number>;
}
interface CpuBackendLike extends BackendLike {
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array | Int32Array): TensorInfo;
}
interface WasmBackendLike extends BackendLike {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array;
}

/**
 * UnsortedSegmentSum is the gradient of tf.gather, so every Embedding layer's training step runs it.
 * - tfjs's wasm backend has none: an Embedding cannot train there ("Kernel 'UnsortedSegmentSum'
 *   not registered").
 * - tfjs's cpu backend has one that builds, per segment (per vocabulary entry), a mask over every
 *   row and multiplies it with the whole input through the generic broadcasting path: vocabulary
 *   × tokens × width element visits. For the text template on cpu (vocabulary 200, 32 × 24
 *   tokens, width 32) that was 18 s of a 48 s profile for one 240-mail epoch.
 * Both get the direct loop, out[segment[i], …] += x[i, …]: one visit per input element.
 * Returns whether the wasm backend got it (false when the wasm backend is not loaded).
 */
export function registerFastUnsortedSegmentSum(tf: Tf): boolean {
  if (tf.getKernel('UnsortedSegmentSum', 'cpu')) tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = backend as unknown as CpuBackendLike;
      const { x, shape, out } = segmentSum(cpu, inputs, attrs, (size, dtype) => (dtype === 'int32' ? new Int32Array(size) : new Float32Array(size)));
      return cpu.makeTensorInfo(shape, x.dtype, out) as never;
    },
  });
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return true;
  if (!tf.getKernel('GatherV2', 'wasm')) return false;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackendLike;
      let info: TensorInfo | null = null;
      segmentSum(wasm, inputs, attrs, (_size, dtype, shape) => {
        info = wasm.makeOutput(shape, dtype);
        return wasm.typedArrayFromHeap(info).fill(0);
      });
      return info as never;
    },
  });
  return true;
}

/** out[segment[r], …] += x[r, …] into a zeroed array from `allocate`; tf drops out-of-range segments. */
function segmentSum(
  backend: BackendLike,
  inputs: unknown,
  attrs: unknown,
  allocate: (size: number, dtype: string, shape: number[]) => Float32Array | Int32Array,
): { x: TensorInfo; shape: number[]; out: Float32Array | Int32Array } {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as { numSegments: number };
  const values = backend.readSync(x.dataId);
  const ids = backend.readSync(segmentIds.dataId);
  const rows = segmentIds.shape.reduce((a, b) => a * b, 1);
  const inner = rows === 0 ? 0 : values.length / rows;
  const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const out = allocate(numSegments * inner, x.dtype, shape);
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue;
    const to = s * inner;
    const from = r * inner;
    for (let j = 0; j < inner; j++) out[to + j] += values[from + j];
  }
  return { x, shape, out };
}
