import type { ExportProgress } from '../../onnx/progress';
import type { QuantizeMode } from '../../onnx/report';
import type { ExportWorkerMessage } from './protocol';
import type { ExportStage, RunExportResult } from './run-export';

/** Thrown by exportRunInWorker; `layer` names a layer the exporter does not know. */
export class ExportFailedError extends Error {
  constructor(
    message: string,
    readonly layer: { name: string; className: string } | null,
  ) {
    super(message);
    this.name = 'ExportFailedError';
  }
}

/**
 * Exports a run's latest checkpoint in a dedicated worker (TensorFlow.js and onnxruntime-web load
 * there, not in the page) and ends the worker afterwards, which frees all of its memory.
 */
export function exportRunInWorker(options: { runId: string; quantize: QuantizeMode; onStage?: (stage: ExportStage) => void; onProgress?: (progress: ExportProgress) => void }): Promise<RunExportResult> {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'benchtop-onnx-export' });
  return new Promise<RunExportResult>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<ExportWorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'stage':
          options.onStage?.(message.stage);
          return;
        case 'progress':
          options.onProgress?.(message.progress);
          return;
        case 'done':
          resolve(message.result);
          return;
        case 'failed':
          reject(new ExportFailedError(message.message, message.layer));
          return;
        default: {
          const never: never = message;
          reject(new Error(`export worker sent an unknown message ${JSON.stringify(never)}`));
        }
      }
    });
    worker.addEventListener('error', (event) => reject(new ExportFailedError(`the export worker failed to start or crashed: ${event.message || 'no details'}`, null)));
    worker.postMessage({ type: 'export', runId: options.runId, quantize: options.quantize });
  }).finally(() => worker.terminate());
}
