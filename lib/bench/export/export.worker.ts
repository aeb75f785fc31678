/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { assertNever } from '../../shared/assert-never';
import { openIdbRunStore } from '../../track/idb-store';
import type { ExportRequest, ExportWorkerMessage } from './protocol';
import { exportRunCheckpoint, RunExportError } from './run-export';

/**
 * Export worker: TensorFlow.js and onnxruntime-web run here, so the run page never blocks while a
 * checkpoint is converted and verified. tfjs uses its cpu backend: the reference predictions are
 * exact and need no GPU context in a worker.
 */
declare const self: DedicatedWorkerGlobalScope;

const post = (message: ExportWorkerMessage) => self.postMessage(message);

async function handle(request: ExportRequest): Promise<void> {
  switch (request.type) {
    case 'export': {
      try {
        await tf.setBackend('cpu');
        const store = await openIdbRunStore();
        const result = await exportRunCheckpoint({
          tf,
          store,
          runId: request.runId,
          quantize: request.quantize,
          onStage: (stage) => post({ type: 'stage', stage }),
          onProgress: (progress) => post({ type: 'progress', progress }),
        });
        post({ type: 'done', result });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        post({ type: 'failed', message, layer: e instanceof RunExportError ? e.layer : null });
      }
      return;
    }
    default:
      assertNever(request.type);
  }
}

self.addEventListener('message', (event: MessageEvent<ExportRequest>) => void handle(event.data));
