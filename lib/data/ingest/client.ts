import type { IngestMessage, IngestRequest } from './protocol';

export type IngestResult = Extract<IngestMessage, { type: 'table' | 'images' }>;

/** Runs one upload in a fresh ingest worker and ends the worker afterwards (its memory goes with it). */
export function ingestInWorker(request: IngestRequest, onProgress: (phase: string, done: number, total: number) => void): Promise<IngestResult> {
  const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'benchtop-dataset-ingest' });
  return new Promise<IngestResult>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<IngestMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'progress':
          onProgress(message.phase, message.done, message.total);
          return;
        case 'table':
        case 'images':
          resolve(message);
          return;
        case 'failed':
          reject(new Error(message.message));
          return;
        default: {
          const never: never = message;
          reject(new Error(`ingest worker sent an unknown message ${JSON.stringify(never)}`));
        }
      }
    });
    worker.addEventListener('error', (event) => reject(new Error(`the ingest worker failed to start or crashed: ${event.message || 'out of memory?'}`)));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
