import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Artifact, MetricPoint, Run } from './schemas';
import type { OutboxEntry } from './run-store';

/**
 * The one IndexedDB database of the app. Runs, metrics, artifacts, the outbox and notebooks share
 * it so a run write and its outbox entry can commit in one transaction.
 */

/** An outbox entry before IndexedDB assigns its `seq`. */
export type NewOutboxEntry = OutboxEntry extends infer E ? (E extends OutboxEntry ? Omit<E, 'seq'> : never) : never;

/** A notebook as the UI stores it: opaque beyond these three fields. */
export interface NotebookRecord {
  id: string;
  title: string;
  /** ms since the epoch; lists sort newest first. */
  updatedAt: number;
  [field: string]: unknown;
}

export interface BenchtopDb extends DBSchema {
  runs: { key: string; value: Run; indexes: { projectId: string; createdAt: number } };
  /** Primary key [runId, key, step]: re-sending a point replaces it (idempotent). */
  metrics: { key: [string, string, number]; value: MetricPoint };
  artifacts: { key: string; value: Artifact; indexes: { runId: string } };
  /** Bytes apart from the metadata so listing artifacts never loads checkpoints. */
  artifactBytes: { key: string; value: Uint8Array };
  outbox: { key: number; value: OutboxEntry; indexes: { runId: string } };
  notebooks: { key: string; value: NotebookRecord; indexes: { updatedAt: number } };
}

export const BENCHTOP_DB_VERSION = 1;

export function openBenchtopDb(dbName: string): Promise<IDBPDatabase<BenchtopDb>> {
  return openDB<BenchtopDb>(dbName, BENCHTOP_DB_VERSION, {
    upgrade(db, oldVersion) {
      // One migration per version step; version 1 creates everything.
      if (oldVersion < 1) {
        const runs = db.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('projectId', 'projectId');
        runs.createIndex('createdAt', 'createdAt');
        db.createObjectStore('metrics', { keyPath: ['runId', 'key', 'step'] });
        db.createObjectStore('artifacts', { keyPath: 'id' }).createIndex('runId', 'runId');
        db.createObjectStore('artifactBytes');
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('runId', 'runId');
        db.createObjectStore('notebooks', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      }
    },
    blocked() {
      // Another tab holds an older version open; it will close on its versionchange handler.
    },
  });
}
