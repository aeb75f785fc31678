import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { createBench } from '../../lib/bench/create-bench';
import { readMnistFromDisk } from '../../lib/data/mnist-node';
import { readSpamFromDisk } from '../../lib/data/spam-corpus-node';
import { readSamplesFromDisk } from '../../lib/data/sample-files-node';
import { createKernel, type KernelClient, type WorkerLike } from '../../lib/kernel/client';
import { createKernelHost } from '../../lib/kernel/kernel-host';
import type { BackendChoice, KernelRequest, WorkerMessage } from '../../lib/kernel/protocol';
import { openIdbRunStore } from '../../lib/track/idb-store';

/**
 * The real kernel (client + host + bench) in one Node process, on tfjs's cpu backend and
 * fake-indexeddb: for unit tests and for measuring templates from the command line. Messages
 * are structured-cloned as postMessage would, and delivered asynchronously.
 */
export function createNodeKernel(options: { params?: Record<string, number | string>; dbName?: string; backend?: BackendChoice } = {}): KernelClient {
  readMnistFromDisk();
  readSamplesFromDisk();
  readSpamFromDisk();
  const dbName = options.dbName ?? `node-kernel-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const createWorker = (): WorkerLike => {
    let terminated = false;
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(request: KernelRequest) {
        const copy = structuredClone(request);
        setTimeout(() => !terminated && host.handle(copy), 0);
      },
      terminate() {
        terminated = true;
      },
    };
    const host = createKernelHost({
      tf,
      post: (message: WorkerMessage) => {
        const copy = structuredClone(message);
        setTimeout(() => !terminated && worker.onmessage?.({ data: copy }), 0);
      },
      openStore: () => openIdbRunStore(dbName),
      createGlobals: (session) => ({ bench: createBench(session) }),
      browser: `node ${process.version}`,
    });
    return worker;
  };
  return createKernel({ notebookId: 'nb-node', projectId: 'default', owner: null, backend: options.backend ?? 'cpu', params: options.params, createWorker });
}
