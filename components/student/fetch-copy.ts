import { storedFromServer, writeCopyVersion, type ClassCopyMeta } from '@/lib/classroom/class-copy';
import { ApiError, studentApi } from '@/lib/classroom/student-client';
import type { NotebookRecord, NotebookStore } from '@/lib/track/idb-notebooks';
import type { ServerNotebook } from '@/lib/classroom/server-notebook';
import { workspaceNotebooks } from '@/lib/classroom/workspace-notebooks';

/** The notebook, or null when this credential may not read it (or the server has none). */
async function readable(get: () => Promise<ServerNotebook>): Promise<ServerNotebook | null> {
  try {
    return await get();
  } catch (err) {
    if (err instanceof ApiError && [401, 403, 404].includes(err.status)) return null;
    throw err;
  }
}

/**
 * A notebook this browser does not have, fetched from the server into IndexedDB (a student's copy
 * opened on a new laptop, or a link to it: first as this page's student or trusted local user,
 * then with the workspace token of the sync settings: a notebook the teacher saved to the server).
 * Null when the server has none this browser may read.
 */
export async function fetchNotebookIntoBrowser(store: NotebookStore, id: string): Promise<NotebookRecord | null> {
  const notebook = (await readable(() => studentApi.notebook(id))) ?? (await readable(() => workspaceNotebooks.get(id)));
  if (!notebook) return null;
  let meta: ClassCopyMeta | null = null;
  if (notebook.classId && notebook.assignmentId) {
    const me = await studentApi.me().catch(() => null);
    meta = { classId: notebook.classId, className: me?.classId === notebook.classId ? me.className : 'class', assignmentId: notebook.assignmentId };
  }
  const stored = storedFromServer(notebook, meta);
  if (!stored.ok) throw new Error(stored.error);
  await store.putNotebook(stored.record);
  writeCopyVersion(id, notebook.version);
  return stored.record;
}
