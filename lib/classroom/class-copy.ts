import { fileToDoc, NotebookFileV1 } from '../notebook/format';
import { toStoredNotebook, type StoredNotebook } from '../notebook/persist';
import type { NotebookStore } from '../track/idb-notebooks';
import type { ServerNotebook } from './server-notebook';

/**
 * A student's copy of an assignment lives twice, under the same id: in IndexedDB (the notebook page
 * opens it like any other notebook) and on the server (the teacher reads it). The IndexedDB record
 * carries `classCopy` so the page knows to sync it; the server's version lives beside it in
 * localStorage, because autosave rewrites the record and must never race a version update.
 */
export interface ClassCopyMeta {
  classId: string;
  className: string;
  assignmentId: string;
}

const VERSION_KEY = (id: string) => `benchtop.copy-version.${id}`;

export function classCopyOf(record: { [field: string]: unknown }): ClassCopyMeta | null {
  const c = record.classCopy as Partial<ClassCopyMeta> | undefined;
  if (!c || typeof c.classId !== 'string' || typeof c.className !== 'string' || typeof c.assignmentId !== 'string') return null;
  return { classId: c.classId, className: c.className, assignmentId: c.assignmentId };
}

/** The server notebook as an IndexedDB record, or why its content cannot be opened. */
export function storedFromServer(notebook: ServerNotebook, meta: ClassCopyMeta | null): { ok: true; record: StoredNotebook } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(notebook.content);
  } catch {
    return { ok: false, error: `The server's copy of notebook ${notebook.id} is not JSON.` };
  }
  const parsed = NotebookFileV1.safeParse(json);
  if (!parsed.success) return { ok: false, error: `The server's copy of notebook ${notebook.id} is not a Benchtop notebook: ${parsed.error.issues[0]?.message ?? 'unknown problem'}` };
  // Same id as on the server, so the runs it makes tie back to the assignment.
  const { doc, outputs } = fileToDoc({ ...parsed.data, id: notebook.id, title: notebook.title || parsed.data.title });
  const record = toStoredNotebook({ ...doc, updatedAt: notebook.updatedAt }, outputs);
  return { ok: true, record: meta ? { ...record, classCopy: meta } : record };
}

/** Puts the server's copy into IndexedDB unless this browser already has it (its text wins). */
export async function ensureLocalCopy(store: NotebookStore, notebook: ServerNotebook, meta: ClassCopyMeta): Promise<void> {
  if (await store.getNotebook(notebook.id)) return;
  const stored = storedFromServer(notebook, meta);
  if (!stored.ok) throw new Error(stored.error);
  await store.putNotebook(stored.record);
  writeCopyVersion(notebook.id, notebook.version);
}

export function readCopyVersion(id: string): number | null {
  const raw = globalThis.localStorage?.getItem(VERSION_KEY(id));
  return raw !== null && raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function writeCopyVersion(id: string, version: number): void {
  globalThis.localStorage?.setItem(VERSION_KEY(id), String(version));
}
