'use client';

import type * as Ort from 'onnxruntime-web';
import type { InputSpec } from '@/lib/onnx/infer/input-kind';

/**
 * onnxruntime-web in the page, loaded by dynamic import so it never weighs on other pages (and
 * no TensorFlow.js is loaded here). WebGPU when an adapter exists, else wasm; the provider that
 * actually created the session is what the page reports.
 */
export type Provider = 'webgpu' | 'wasm';

export interface LoadedModel {
  ort: typeof Ort;
  session: Ort.InferenceSession;
  provider: Provider;
  /** Why WebGPU was not used, when it was not. */
  fallbackReason: string | null;
  inputs: InputSpec[];
  outputNames: readonly string[];
}

let ortPromise: Promise<typeof Ort> | null = null;

function loadOrt(): Promise<typeof Ort> {
  ortPromise ??= import('onnxruntime-web').then((ort) => {
    // Served from public/ort (scripts/copy-ort.mjs). Threads need cross-origin isolation.
    ort.env.wasm.wasmPaths = '/ort/';
    ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    return ort;
  });
  ortPromise.catch(() => {
    ortPromise = null;
  });
  return ortPromise;
}

async function webgpuUnavailableReason(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
  try {
    return (await gpu.requestAdapter()) ? null : 'no WebGPU adapter is available';
  } catch (e) {
    return `requesting a WebGPU adapter failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function describeInputs(session: Ort.InferenceSession): InputSpec[] {
  return session.inputNames.map((name, i) => {
    const meta = session.inputMetadata?.[i];
    if (meta && meta.isTensor) return { name, type: meta.type, dims: [...meta.shape] };
    return { name, type: 'unknown', dims: [] };
  });
}

export async function loadModel(bytes: Uint8Array): Promise<LoadedModel> {
  const ort = await loadOrt();
  let fallbackReason = await webgpuUnavailableReason();
  if (!fallbackReason) {
    try {
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'] });
      return { ort, session, provider: 'webgpu', fallbackReason: null, inputs: describeInputs(session), outputNames: session.outputNames };
    } catch (e) {
      fallbackReason = `WebGPU session failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  return { ort, session, provider: 'wasm', fallbackReason, inputs: describeInputs(session), outputNames: session.outputNames };
}

export interface RunResult {
  /** First output, flat, and its dims. */
  output: Float32Array;
  outputDims: readonly number[];
  /** Wall time of each timed run (the warm-up run is not counted). */
  timesMs: number[];
}

export interface FeedValue {
  data: ArrayLike<number>;
  dims: number[];
}

/** One warm-up run, then `repeats` timed runs of the same feeds (one per model input); returns the last output. */
export async function runRepeated(model: LoadedModel, inputs: FeedValue[], repeats: number): Promise<RunResult> {
  const feeds: Record<string, Ort.Tensor> = {};
  model.inputs.forEach((spec, i) => {
    const { data, dims } = inputs[i];
    feeds[spec.name] =
      spec.type === 'int32' ? new model.ort.Tensor('int32', Int32Array.from(data, Math.trunc), dims) : new model.ort.Tensor('float32', Float32Array.from(data), dims);
  });
  const outName = model.outputNames[0];
  let last = await model.session.run(feeds);
  const timesMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    Object.values(last).forEach((t) => t.dispose());
    const t0 = performance.now();
    last = await model.session.run(feeds);
    timesMs.push(performance.now() - t0);
  }
  const out = last[outName];
  const output = Float32Array.from((await out.getData()) as ArrayLike<number>);
  const outputDims = out.dims;
  Object.values(last).forEach((t) => t.dispose());
  return { output, outputDims, timesMs };
}
