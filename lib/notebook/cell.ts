import { SWEEP_CELL_TEMPLATE } from './sweep-cell-template';

/**
 * The cell model. A notebook is an ordered list of cells; a cell's `id` is stable for its life
 * (the kernel tags outputs and code snapshots with it), its `source` is what the user typed.
 */

export const CELL_TYPES = ['code', 'markdown', 'sweep'] as const;
export type CellType = (typeof CELL_TYPES)[number];

export const CODE_LANGUAGES = ['typescript', 'javascript'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

export interface CodeCell {
  id: string;
  type: 'code';
  source: string;
  language: CodeLanguage;
}

export interface MarkdownCell {
  id: string;
  type: 'markdown';
  source: string;
}

/** A W&B-style sweep spec in YAML; the sweep subsystem gives it behaviour. */
export interface SweepCell {
  id: string;
  type: 'sweep';
  source: string;
}

export type Cell = CodeCell | MarkdownCell | SweepCell;

/** Short, unique, and valid as an IdSchema id (letters, digits, "_", "-"). */
export function newCellId(): string {
  return `c-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export function newNotebookId(): string {
  return `nb-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** A new cell; a sweep cell starts with a commented example config (SWEEP_CELL_TEMPLATE). */
export function createCell(type: CellType, source = type === 'sweep' ? SWEEP_CELL_TEMPLATE : '', id = newCellId()): Cell {
  if (type === 'code') return { id, type, source, language: 'typescript' };
  return { id, type, source };
}

/** Changes a cell's type keeping its id and source (code cells start as TypeScript). */
export function withCellType(cell: Cell, type: CellType): Cell {
  if (cell.type === type) return cell;
  return createCell(type, cell.source, cell.id);
}

/** Language Monaco should highlight the cell in. */
export function editorLanguage(cell: Cell): 'typescript' | 'javascript' | 'markdown' | 'yaml' {
  if (cell.type === 'code') return cell.language;
  return cell.type === 'markdown' ? 'markdown' : 'yaml';
}
