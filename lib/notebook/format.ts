import { z } from 'zod';
import type { CellOutput } from '../kernel/protocol';
import { CELL_TYPES, CODE_LANGUAGES, type Cell } from './cell';
import type { NotebookDoc } from './notebook';

/**
 * The notebook file (`*.benchtop.json`): versioned so an older app can say plainly that a file is
 * too new instead of mangling it. Outputs travel with their cells, as in .ipynb, except live
 * training views, which point at a run by id.
 */
export const NOTEBOOK_FILE_FORMAT = 'benchtop-notebook';
export const NOTEBOOK_FILE_VERSION = 1;

const CellErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  stack: z.string().optional(),
});

const CellOutputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  z.object({ type: z.literal('value'), text: z.string() }),
  z.object({
    type: z.literal('table'),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  }),
  z.object({ type: z.literal('error'), error: CellErrorSchema }),
  z.object({ type: z.literal('run'), runId: z.string(), name: z.string() }),
  z.object({ type: z.literal('html-safe-markdown'), markdown: z.string() }),
  z.object({ type: z.literal('download'), downloadId: z.string(), label: z.string(), totalBytes: z.number().int().min(0) }),
  z.object({ type: z.literal('heatmap'), title: z.string(), rows: z.array(z.string()), columns: z.array(z.string()), values: z.array(z.number()) }),
]);

// Compile-time check that the schema and the kernel protocol describe the same outputs.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _outputsMatch: Same<z.infer<typeof CellOutputSchema>, CellOutput> = true;
void _outputsMatch;

const FileCellSchema = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'cell ids use letters, digits, "_", "-" and "."'),
  type: z.enum(CELL_TYPES),
  source: z.string(),
  /** Code cells only; defaults to TypeScript. */
  language: z.enum(CODE_LANGUAGES).optional(),
  outputs: z.array(CellOutputSchema).optional(),
});

export const NotebookFileV1 = z.object({
  format: z.literal(NOTEBOOK_FILE_FORMAT),
  version: z.literal(NOTEBOOK_FILE_VERSION),
  id: z.string().min(1).max(64),
  title: z.string().max(256),
  projectId: z.string().min(1).max(64),
  templateId: z.string().nullable().default(null),
  createdAt: z.number(),
  updatedAt: z.number(),
  cells: z.array(FileCellSchema),
});
export type NotebookFileV1 = z.infer<typeof NotebookFileV1>;

export function toNotebookFile(doc: NotebookDoc, outputs: Record<string, CellOutput[]> = {}): NotebookFileV1 {
  return {
    format: NOTEBOOK_FILE_FORMAT,
    version: NOTEBOOK_FILE_VERSION,
    id: doc.id,
    title: doc.title,
    projectId: doc.projectId,
    templateId: doc.templateId,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    cells: doc.cells.map((cell) => {
      const cellOutputs = outputs[cell.id];
      return {
        id: cell.id,
        type: cell.type,
        source: cell.source,
        ...(cell.type === 'code' ? { language: cell.language } : {}),
        ...(cellOutputs && cellOutputs.length > 0 ? { outputs: cellOutputs } : {}),
      };
    }),
  };
}

export function serializeNotebook(doc: NotebookDoc, outputs?: Record<string, CellOutput[]>): string {
  return `${JSON.stringify(toNotebookFile(doc, outputs), null, 2)}\n`;
}

/** `My notebook!` → `my-notebook.benchtop.json`. */
export function notebookFileName(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${slug || 'notebook'}.benchtop.json`;
}

export function fileToDoc(file: NotebookFileV1): { doc: NotebookDoc; outputs: Record<string, CellOutput[]> } {
  const outputs: Record<string, CellOutput[]> = {};
  const cells = file.cells.map((c): Cell => {
    if (c.outputs?.length) outputs[c.id] = c.outputs;
    if (c.type === 'code') return { id: c.id, type: 'code', source: c.source, language: c.language ?? 'typescript' };
    return { id: c.id, type: c.type, source: c.source };
  });
  const { format: _f, version: _v, cells: _c, ...meta } = file;
  return { doc: { ...meta, cells }, outputs };
}
