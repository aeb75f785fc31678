import { DEFAULT_PROJECT_ID } from '../track/schemas';
import { createCell, newCellId, newNotebookId, type Cell, type CellType } from './cell';

/** A notebook as it is saved: metadata plus cells (outputs live in NotebookState, see state.ts). */
export interface NotebookDoc {
  id: string;
  title: string;
  projectId: string;
  /** Template the notebook was created from, if any (for the home page's list). */
  templateId: string | null;
  /** ms since the Unix epoch. */
  createdAt: number;
  updatedAt: number;
  cells: Cell[];
}

/** The shape the bench templates ship in (lib/bench/templates/*). */
export interface NotebookTemplate {
  id: string;
  title: string;
  description: string;
  cells: { type: 'markdown' | 'code'; source: string }[];
}

export function blankNotebook(options: { now: number; id?: string; title?: string }): NotebookDoc {
  return {
    id: options.id ?? newNotebookId(),
    title: options.title ?? 'Untitled notebook',
    projectId: DEFAULT_PROJECT_ID,
    templateId: null,
    createdAt: options.now,
    updatedAt: options.now,
    cells: [createCell('code', '')],
  };
}

export function notebookFromTemplate(
  template: NotebookTemplate,
  options: { now: number; id?: string; cellId?: () => string },
): NotebookDoc {
  const cellId = options.cellId ?? newCellId;
  return {
    id: options.id ?? newNotebookId(),
    title: template.title,
    projectId: DEFAULT_PROJECT_ID,
    templateId: template.id,
    createdAt: options.now,
    updatedAt: options.now,
    cells: template.cells.map((c) => createCell(c.type as CellType, c.source, cellId())),
  };
}

/** The code cells in order, as the kernel's `notebookCells` (the run's code snapshot). */
export function codeCellsOf(doc: Pick<NotebookDoc, 'cells'>): { cellId: string; source: string }[] {
  return doc.cells.filter((c) => c.type === 'code').map((c) => ({ cellId: c.id, source: c.source }));
}
