/// <reference lib="webworker" />
import { openDatasetsDb, putImageSet, putTable } from '../dataset-db';
import { assembleImageSet } from '../images/assemble-image-set';
import { decodeImageBlob } from '../images/browser-decode';
import { sortImageEntries } from '../images/image-entries';
import { unzipEntries } from '../images/zip-entries';
import { ingestCsv } from '../tables/ingest-table';
import type { IngestMessage, IngestRequest } from './protocol';

/** Ingest worker entry: one upload per worker (see protocol.ts). */
declare const self: DedicatedWorkerGlobalScope;

const post = (message: IngestMessage) => self.postMessage(message);
/** Progress at most this often: a 100 MB file still moves the bar smoothly, the page is not flooded. */
const PROGRESS_GAP_MS = 100;
let lastProgressMs = 0;
const progress = (phase: string, done: number, total: number) => {
  const now = Date.now();
  if (done < total && now - lastProgressMs < PROGRESS_GAP_MS) return;
  lastProgressMs = now;
  post({ type: 'progress', phase, done, total });
};

async function handle(request: IngestRequest): Promise<IngestMessage> {
  switch (request.type) {
    case 'csv': {
      const { meta, rows } = await ingestCsv(request.name, request.file, { onProgress: (p) => progress('Reading', p.readBytes, p.totalBytes) });
      progress('Saving', 0, 1);
      const db = await openDatasetsDb();
      await putTable(db, meta, rows).finally(() => db.close());
      return { type: 'table', meta };
    }
    case 'images':
    case 'zip': {
      const files =
        request.type === 'images'
          ? request.files.map((f) => ({ path: f.path, source: f.file }))
          : (await unzipEntries(new Uint8Array(await request.file.arrayBuffer()))).map((f) => ({ path: f.path, source: new Blob([f.bytes as Uint8Array<ArrayBuffer>]) }));
      const { entries, skipped } = sortImageEntries(files);
      const { meta, data } = await assembleImageSet({ name: request.name, side: request.side, entries, skipped, decode: decodeImageBlob, onProgress: (done, total) => progress('Decoding', done, total) });
      const db = await openDatasetsDb();
      await putImageSet(db, meta, data).finally(() => db.close());
      return { type: 'images', meta };
    }
    default: {
      const never: never = request;
      throw new Error(`unknown ingest request ${JSON.stringify(never)}`);
    }
  }
}

self.addEventListener('message', (event: MessageEvent<IngestRequest>) => {
  handle(event.data).then(post, (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
