import { openIdbNotebookStore, type NotebookStore } from './idb-notebooks';
import { openIdbRunStore, type IdbRunStore } from './idb-store';

/**
 * One IndexedDB connection per kind for the whole tab, opened on first use. A failed open (private
 * mode without IndexedDB, a blocked upgrade) is not cached, so the next call tries again.
 */
let runStore: Promise<IdbRunStore> | null = null;
let notebookStore: Promise<NotebookStore> | null = null;

export function getRunStore(): Promise<IdbRunStore> {
  runStore ??= openIdbRunStore().catch((e) => {
    runStore = null;
    throw e;
  });
  return runStore;
}

export function getNotebookStore(): Promise<NotebookStore> {
  notebookStore ??= openIdbNotebookStore().catch((e) => {
    notebookStore = null;
    throw e;
  });
  return notebookStore;
}
