import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http/errors';
import type { Feeds, OutputTensorData } from './batcher';
import { ortCreateOptions, type OrtSessionOptions } from './ort-node-session';
import type { ModelSession } from './session-cache';

/**
 * onnxruntime-node in a worker thread, one per loaded model, behind the same ModelSession seam.
 *
 * onnxruntime-node's `session.run` is asynchronous in name only: it runs the whole inference on
 * the calling thread (a setImmediate, then a synchronous native call). On the server's main thread
 * that blocks every other request for the length of a run: the tracking API, the pages' polling,
 * other models. In a worker the main thread keeps parsing requests (which is also what lets the
 * batcher gather the next batch while this one runs).
 *
 * The worker's source is a string (WORKER_SOURCE), not a file: the app's server code is bundled
 * by Next, and a worker file would need a path that survives bundling. It requires
 * onnxruntime-node by the absolute path this module resolves, so both threads load one copy.
 */

/** Milliseconds a model may take to load in its worker before the load is called failed. */
const LOAD_TIMEOUT_MS = 60_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const meta = (m) => (m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: m.shape } : { name: m.name, isTensor: false });
(async () => {
  let session;
  try {
    session = await ort.InferenceSession.create(new Uint8Array(workerData.bytes), workerData.createOptions);
  } catch (err) {
    parentPort.postMessage({ type: 'failed', message: String(err && err.message || err) });
    return;
  }
  parentPort.postMessage({
    type: 'ready', inputNames: session.inputNames, outputNames: session.outputNames,
    inputMetadata: session.inputMetadata.map(meta), outputMetadata: session.outputMetadata.map(meta),
  });
  parentPort.on('message', async (msg) => {
    if (msg.type === 'release') {
      await session.release().catch(() => undefined);
      parentPort.close();
      return;
    }
    try {
      const feeds = {};
      for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = new ort.Tensor(t.dtype, t.data, t.dims);
      const result = await session.run(feeds);
      const outputs = {};
      const transfer = [];
      for (const [name, t] of Object.entries(result)) {
        outputs[name] = { dims: [...t.dims], dtype: t.type, data: t.data };
        if (ArrayBuffer.isView(t.data) && !transfer.includes(t.data.buffer)) transfer.push(t.data.buffer);
      }
      parentPort.postMessage({ type: 'result', id: msg.id, outputs }, transfer);
    } catch (err) {
      parentPort.postMessage({ type: 'error', id: msg.id, message: String(err && err.message || err) });
    }
  });
})();
`;

type Ready = Pick<ModelSession, 'inputNames' | 'outputNames' | 'inputMetadata' | 'outputMetadata'>;
type FromWorker =
  | ({ type: 'ready' } & Ready)
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; outputs: Record<string, OutputTensorData> }
  | { type: 'error'; id: number; message: string };

let ortPath: string | undefined;

/** onnxruntime-node's entry file, from this module (a bundled chunk or the source) or else the working directory. */
function resolveOrtNode(): string {
  if (ortPath) return ortPath;
  const bases = [import.meta.url, path.join(process.cwd(), 'package.json')];
  for (const base of bases) {
    try {
      return (ortPath = createRequire(base).resolve('onnxruntime-node'));
    } catch {
      // next base
    }
  }
  throw new Error('onnxruntime-node cannot be resolved for the serving worker (is it installed?)');
}

export async function openOrtWorkerSession(bytes: Uint8Array, options: OrtSessionOptions = {}): Promise<ModelSession> {
  const copy = bytes.slice().buffer;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { ortPath: resolveOrtNode(), bytes: copy, createOptions: ortCreateOptions(options) },
    transferList: [copy],
  });
  // The worker never keeps the process alive (the server's socket does). Referencing it only
  // while runs are in flight cost 0.4 ms per run (ref + unref on every request).
  worker.unref();
  const pending = new Map<number, { resolve(o: Record<string, OutputTensorData>): void; reject(e: Error): void }>();
  let nextId = 0;
  let stopped: Error | null = null;

  const ready = await new Promise<Ready>((resolve, reject) => {
    const onMessage = (msg: FromWorker) => settle(() => (msg.type === 'ready' ? resolve(msg) : reject(new Error(msg.type === 'failed' ? msg.message : `unexpected first message ${msg.type}`))));
    const onError = (err: Error) => settle(() => reject(err));
    const onExit = (code: number) => settle(() => reject(new Error(`the model's worker exited (code ${code}) while loading`)));
    const timer = setTimeout(() => settle(() => reject(new Error(`the model did not load within ${LOAD_TIMEOUT_MS / 1000} s`))), LOAD_TIMEOUT_MS);
    function settle(fn: () => void) {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      fn();
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  }).catch(async (err: Error) => {
    await worker.terminate();
    throw err;
  });

  const stop = (reason: Error) => {
    stopped ??= reason;
    for (const p of pending.values()) p.reject(reason);
    pending.clear();
  };
  worker.on('message', (msg: FromWorker) => {
    if (msg.type !== 'result' && msg.type !== 'error') return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.outputs);
    else p.reject(new Error(msg.message));
  });
  // A worker that throws or exits (its JS heap out of memory, say) fails the runs in flight, not
  // the server. A native crash still ends the whole process: threads share it.
  worker.on('error', (err) => stop(new HttpError(503, 'unavailable', `the model's worker failed: ${err.message.slice(0, 300)}`)));
  worker.on('exit', (code) => stop(new HttpError(503, 'unavailable', `the model's worker stopped (exit code ${code})`)));

  return {
    inputNames: ready.inputNames,
    outputNames: ready.outputNames,
    inputMetadata: ready.inputMetadata,
    outputMetadata: ready.outputMetadata,
    get stopped() {
      return stopped !== null;
    },
    run(feeds: Feeds) {
      if (stopped) return Promise.reject(stopped);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Cloned, not transferred: monitoring reads the request's inputs after the run (drift).
        worker.postMessage({ type: 'run', id, feeds });
      });
    },
    async release() {
      if (stopped) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'release' });
      // A worker that does not close within a second is stopped.
      const timer = setTimeout(() => void worker.terminate(), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}
