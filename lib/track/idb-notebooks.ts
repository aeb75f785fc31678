import type { IDBPDatabase } from 'idb';
import { openBenchtopDb, type BenchtopDb, type NotebookRecord } from './idb-schema';

export type { NotebookRecord } from './idb-schema';

/** Autosaved notebooks, in the same database as runs. The record is opaque beyond id/title/updatedAt. */
export interface NotebookStore {
  putNotebook(notebook: NotebookRecord): Promise<void>;
  getNotebook(id: string): Promise<NotebookRecord | undefined>;
  /** Newest `updatedAt` first. */
  listNotebooks(): Promise<NotebookRecord[]>;
  deleteNotebook(id: string): Promise<void>;
  close(): void;
}

export async function openIdbNotebookStore(dbName = 'benchtop'): Promise<NotebookStore> {
  const db = await openBenchtopDb(dbName);
  return createNotebookStore(db);
}

function createNotebookStore(db: IDBPDatabase<BenchtopDb>): NotebookStore {
  return {
    async putNotebook(notebook) {
      if (typeof notebook.id !== 'string' || notebook.id === '') throw new Error('putNotebook: notebook.id must be a non-empty string');
      if (typeof notebook.title !== 'string') throw new Error(`putNotebook ${notebook.id}: title must be a string`);
      if (!Number.isFinite(notebook.updatedAt)) throw new Error(`putNotebook ${notebook.id}: updatedAt must be a number (ms)`);
      await db.put('notebooks', notebook);
    },
    getNotebook: (id) => db.get('notebooks', id),
    async listNotebooks() {
      const all = await db.getAllFromIndex('notebooks', 'updatedAt');
      return all.reverse();
    },
    deleteNotebook: (id) => db.delete('notebooks', id),
    close: () => db.close(),
  };
}
