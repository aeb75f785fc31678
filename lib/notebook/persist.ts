import type { CellOutput } from '../kernel/protocol';
import { NotebookFileV1, toNotebookFile, fileToDoc } from './format';
import type { NotebookDoc } from './notebook';

/**
 * How a notebook sits in IndexedDB's `notebooks` store: the store indexes id/title/updatedAt,
 * and `file` is the same versioned document that export writes, so what autosave keeps and what
 * a user downloads can never drift apart.
 */
export interface StoredNotebook {
  id: string;
  title: string;
  updatedAt: number;
  /** Number of cells, for lists that should not parse the file. */
  cellCount: number;
  templateId: string | null;
  file: NotebookFileV1;
  [field: string]: unknown;
}

export function toStoredNotebook(doc: NotebookDoc, outputs: Record<string, CellOutput[]> = {}): StoredNotebook {
  return {
    id: doc.id,
    title: doc.title,
    updatedAt: doc.updatedAt,
    cellCount: doc.cells.length,
    templateId: doc.templateId,
    file: toNotebookFile(doc, outputs),
  };
}

export type LoadStoredResult =
  | { ok: true; doc: NotebookDoc; outputs: Record<string, CellOutput[]> }
  | { ok: false; error: string };

/** Validates a stored record; a damaged one is reported, never overwritten or dropped. */
export function fromStoredNotebook(record: { id: string; [field: string]: unknown }): LoadStoredResult {
  const parsed = NotebookFileV1.safeParse(record.file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') || '(top level)' : '(unknown)';
    return { ok: false, error: `Notebook ${record.id} in this browser's storage is damaged at ${where}: ${issue?.message ?? 'unknown problem'}` };
  }
  return { ok: true, ...fileToDoc(parsed.data) };
}
