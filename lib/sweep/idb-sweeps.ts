import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SweepRecordJson } from './api';

/**
 * Local sweeps (run by one notebook's kernel with `bench.sweep`) in IndexedDB, so the sweep page
 * can show them live and after a reload, offline. A database of its own, apart from the runs
 * database, so adding it needed no version step there. Records are stored in their JSON wire
 * form (NaN/±Infinity as tokens) and read back through the same zod schema as server sweeps.
 *
 * The sweep page cannot reach the kernel that runs a local sweep, so its Stop button writes a
 * stop request here; bench.sweep polls for it between epochs.
 */

export interface SweepStopRequest {
  sweepId: string;
  requestedAt: number;
  reason: string;
}

interface SweepsDb extends DBSchema {
  sweeps: { key: string; value: SweepRecordJson; indexes: { updatedAt: number } };
  stopRequests: { key: string; value: SweepStopRequest };
}

export const SWEEPS_DB_NAME = 'benchtop-sweeps';
const SWEEPS_DB_VERSION = 1;

export interface LocalSweepStore {
  putSweep(record: SweepRecordJson): Promise<void>;
  getSweep(id: string): Promise<SweepRecordJson | undefined>;
  /** Most recently updated first. */
  listSweeps(): Promise<SweepRecordJson[]>;
  deleteSweep(id: string): Promise<void>;
  requestStop(sweepId: string, reason: string): Promise<void>;
  stopRequest(sweepId: string): Promise<SweepStopRequest | undefined>;
  close(): void;
}

export async function openIdbSweepStore(dbName = SWEEPS_DB_NAME): Promise<LocalSweepStore> {
  const db = await openDB<SweepsDb>(dbName, SWEEPS_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('sweeps', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        database.createObjectStore('stopRequests', { keyPath: 'sweepId' });
      }
    },
  });
  return createStore(db);
}

function createStore(db: IDBPDatabase<SweepsDb>): LocalSweepStore {
  return {
    async putSweep(record) {
      if (!record.id) throw new Error('putSweep: the sweep record needs an id');
      await db.put('sweeps', record);
    },
    getSweep: (id) => db.get('sweeps', id),
    async listSweeps() {
      return (await db.getAllFromIndex('sweeps', 'updatedAt')).reverse();
    },
    async deleteSweep(id) {
      const tx = db.transaction(['sweeps', 'stopRequests'], 'readwrite');
      await Promise.all([tx.objectStore('sweeps').delete(id), tx.objectStore('stopRequests').delete(id), tx.done]);
    },
    async requestStop(sweepId, reason) {
      await db.put('stopRequests', { sweepId, reason, requestedAt: Date.now() });
    },
    stopRequest: (sweepId) => db.get('stopRequests', sweepId),
    close: () => db.close(),
  };
}
