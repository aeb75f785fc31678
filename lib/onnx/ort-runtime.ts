import type * as OrtModule from 'onnxruntime-web';

/** The onnxruntime-web module (passed in by the caller, or imported on demand). */
export type Ort = typeof OrtModule;
export type OrtSession = OrtModule.InferenceSession;
export type ExecutionProvider = 'wasm' | 'webgpu';

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/** Where the app serves onnxruntime-web's wasm files (scripts/copy-ort.mjs copies them to public/ort). */
export const ORT_WASM_PATH = '/ort/';

/**
 * Returns `given`, or imports onnxruntime-web. In Node its wasm backend needs no setup beyond a
 * single thread (worker threads would keep the process alive). In a browser or worker the wasm
 * files are fetched from ORT_WASM_PATH unless the caller configured `env.wasm.wasmPaths`.
 */
export async function loadOrt(given?: Ort): Promise<Ort> {
  if (given) return given;
  const ort = (await import('onnxruntime-web')) as Ort;
  if (isNode()) ort.env.wasm.numThreads = 1;
  else ort.env.wasm.wasmPaths ??= ORT_WASM_PATH;
  return ort;
}

export async function createSession(ort: Ort, bytes: Uint8Array, provider: ExecutionProvider = 'wasm'): Promise<OrtSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: [provider], graphOptimizationLevel: 'all' });
}

/** One model input's batch: flat values plus dims (batch first). */
export interface InputBatch {
  data: Float32Array | Int32Array;
  dims: number[];
}

/** Runs one batch; returns the named outputs' flat float data in `outputNames` order. */
export async function runBatch(ort: Ort, session: OrtSession, inputs: InputBatch[], outputNames: readonly string[] = session.outputNames): Promise<Float32Array[]> {
  const feeds: Record<string, OrtModule.Tensor> = {};
  session.inputNames.forEach((name, i) => {
    const x = inputs[i];
    feeds[name] = x.data instanceof Int32Array ? new ort.Tensor('int32', x.data, x.dims) : new ort.Tensor('float32', x.data, x.dims);
  });
  const result = await session.run(feeds, [...outputNames]);
  return outputNames.map((name) => {
    const t = result[name];
    const data = t.data as Float32Array;
    const copy = Float32Array.from(data);
    t.dispose();
    return copy;
  });
}
