import type { InferenceSession } from 'onnxruntime-node';
import type { Feeds, OutputTensorData } from './batcher';
import type { ModelSession } from './session-cache';

/**
 * onnxruntime-node behind the ModelSession seam. Loaded on first use: the native binding costs
 * ~40 ms and memory that a server which never serves a model should not pay.
 */

type OrtNode = typeof import('onnxruntime-node');
let ortModule: Promise<OrtNode> | null = null;

export function loadOrtNode(): Promise<OrtNode> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

export interface OrtSessionOptions {
  /** Threads per run (default 1: on a small machine, requests in parallel beat threads in one run). */
  intraOpThreads?: number;
}

/** The session options of both paths (this thread and ort-worker-session.ts, which sends them to its worker). */
export function ortCreateOptions(options: OrtSessionOptions): InferenceSession.SessionOptions {
  return { intraOpNumThreads: options.intraOpThreads ?? 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
}

type ValueMetadata = InferenceSession['inputMetadata'][number];
/** Plain data (what a worker can post back): the tensor's name, type and shape. */
const metadataOf = (m: ValueMetadata): ValueMetadata => (m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: m.shape } : { name: m.name, isTensor: false });

export async function openOrtSession(bytes: Uint8Array, options: OrtSessionOptions = {}): Promise<ModelSession> {
  const ort = await loadOrtNode();
  const session: InferenceSession = await ort.InferenceSession.create(bytes, ortCreateOptions(options));
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputMetadata: session.inputMetadata.map(metadataOf),
    outputMetadata: session.outputMetadata.map(metadataOf),
    async run(feeds: Feeds) {
      const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor(t.dtype, t.data, t.dims)]));
      const result = await session.run(ortFeeds);
      const out: Record<string, OutputTensorData> = {};
      for (const [name, t] of Object.entries(result)) {
        out[name] = { dims: [...t.dims], dtype: t.type, data: t.data as OutputTensorData['data'] };
        t.dispose?.();
      }
      return out;
    },
    release: () => session.release(),
  };
}
