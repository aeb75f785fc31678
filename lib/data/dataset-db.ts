import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ColumnInfo } from './tables/column-types';
import type { MissingPolicy } from './tables/encode-table';

/**
 * The user's own data (tables, image sets, recorded clips), in an IndexedDB database of its own:
 * apart from the runs database, so adding it needed no version step there and a big upload never
 * slows the run store. The kernel worker reads it by name (bench.datasets.table / images / clips).
 * Metadata and bulk bytes are separate stores so a list never loads the data.
 */

export const DATASETS_DB_NAME = 'benchtop-datasets';
const DATASETS_DB_VERSION = 1;

export interface TableMeta {
  name: string;
  header: string[];
  columns: ColumnInfo[];
  /** Well-formed rows in the file; rows kept is min(totalRows, MAX_TABLE_ROWS). */
  totalRows: number;
  keptRows: number;
  sampled: boolean;
  badRows: { row: number; message: string }[];
  badRowCount: number;
  sizeBytes: number;
  /** The first rows, for the panel's preview (the rows themselves live in `tableRows`). */
  preview: string[][];
  /** Chosen in the dataset panel; the templates use them unless the cell says otherwise. */
  target: string | null;
  missing: MissingPolicy;
  /** sha256 over the header and kept rows (hex). */
  fingerprint: string;
  createdAt: number;
}

export interface ImageSetMeta {
  name: string;
  /** Images are side × side × 3 (RGB) bytes. */
  side: number;
  classes: string[];
  /** Images per class, in `classes` order. */
  counts: number[];
  count: number;
  /** Files that could not be decoded or had no class folder: listed, skipped. */
  bad: { path: string; reason: string }[];
  /** sha256 over labels and pixels in stored order (hex). */
  fingerprint: string;
  createdAt: number;
}

export interface ImageSetData {
  /** count × side × side × 3 bytes, images in order. */
  pixels: Uint8Array;
  /** Class index per image. */
  labels: Uint8Array;
}

export interface AudioClip {
  id: string;
  label: string;
  sampleRate: number;
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
  createdAt: number;
}

interface DatasetsDb extends DBSchema {
  tables: { key: string; value: TableMeta };
  tableRows: { key: string; value: string[][] };
  imageSets: { key: string; value: ImageSetMeta };
  imageData: { key: string; value: ImageSetData };
  clips: { key: string; value: AudioClip; indexes: { label: string } };
}

export type DatasetsDatabase = IDBPDatabase<DatasetsDb>;

export function openDatasetsDb(dbName = DATASETS_DB_NAME): Promise<DatasetsDatabase> {
  return openDB<DatasetsDb>(dbName, DATASETS_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('tables', { keyPath: 'name' });
        db.createObjectStore('tableRows');
        db.createObjectStore('imageSets', { keyPath: 'name' });
        db.createObjectStore('imageData');
        db.createObjectStore('clips', { keyPath: 'id' }).createIndex('label', 'label');
      }
    },
  });
}

export async function putTable(db: DatasetsDatabase, meta: TableMeta, rows: string[][]): Promise<void> {
  const tx = db.transaction(['tables', 'tableRows'], 'readwrite');
  await Promise.all([tx.objectStore('tables').put(meta), tx.objectStore('tableRows').put(rows, meta.name), tx.done]);
}

export async function deleteTable(db: DatasetsDatabase, name: string): Promise<void> {
  const tx = db.transaction(['tables', 'tableRows'], 'readwrite');
  await Promise.all([tx.objectStore('tables').delete(name), tx.objectStore('tableRows').delete(name), tx.done]);
}

export async function putImageSet(db: DatasetsDatabase, meta: ImageSetMeta, data: ImageSetData): Promise<void> {
  const tx = db.transaction(['imageSets', 'imageData'], 'readwrite');
  await Promise.all([tx.objectStore('imageSets').put(meta), tx.objectStore('imageData').put(data, meta.name), tx.done]);
}

export async function deleteImageSet(db: DatasetsDatabase, name: string): Promise<void> {
  const tx = db.transaction(['imageSets', 'imageData'], 'readwrite');
  await Promise.all([tx.objectStore('imageSets').delete(name), tx.objectStore('imageData').delete(name), tx.done]);
}
