import type { ImageSetMeta, TableMeta } from '../dataset-db';

/**
 * Messages between the /datasets page and its ingest worker (one worker per upload, ended after
 * it). Parsing, decoding and hashing happen there, so a 100 MB CSV or a folder of photos never
 * blocks the page; the worker writes the result to IndexedDB itself and sends back a summary.
 */
export type IngestRequest =
  | { type: 'csv'; name: string; file: Blob }
  | { type: 'images'; name: string; side: number; files: { path: string; file: Blob }[] }
  | { type: 'zip'; name: string; side: number; file: Blob };

export type IngestMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'table'; meta: TableMeta }
  | { type: 'images'; meta: ImageSetMeta }
  | { type: 'failed'; message: string };
