import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface WasmBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array;
}

/**
 * tfjs's wasm backend has no UnsortedSegmentSum, which is the gradient of tf.gather, so an
 * Embedding layer (a gather) cannot train on wasm ("Kernel 'UnsortedSegmentSum' not registered").
 * Written here in plain JS over the wasm heap: out[segment[i], …] += x[i, …], as the cpu
 * backend computes it. The gradient of an embedding is vocab × width floats: a JS loop is fast
 * enough, and the rest of the model keeps wasm's speed.
 */
export function registerWasmUnsortedSegmentSum(tf: Tf): boolean {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return true;
  if (!tf.getKernel('GatherV2', 'wasm')) return false; // the wasm backend is not loaded
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as unknown as { x: TensorInfo; segmentIds: TensorInfo };
      const { numSegments } = attrs as unknown as { numSegments: number };
      const wasm = backend as unknown as WasmBackendLike;
      const values = wasm.readSync(x.dataId);
      const ids = wasm.readSync(segmentIds.dataId);
      const rows = segmentIds.shape.reduce((a, b) => a * b, 1);
      const inner = rows === 0 ? 0 : values.length / rows;
      const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
      const heap = wasm.typedArrayFromHeap(out);
      heap.fill(0);
      for (let r = 0; r < rows; r++) {
        const s = ids[r];
        if (s < 0 || s >= numSegments) continue; // tf drops out-of-range segments
        const to = s * inner;
        const from = r * inner;
        for (let j = 0; j < inner; j++) heap[to + j] += values[from + j];
      }
      return out as never;
    },
  });
  return true;
}
