import type { CellOutput } from '../kernel/protocol';
import { fileToDoc, NOTEBOOK_FILE_FORMAT, NOTEBOOK_FILE_VERSION, NotebookFileV1 } from './format';
import type { NotebookDoc } from './notebook';

export type ParseNotebookResult =
  | { ok: true; doc: NotebookDoc; outputs: Record<string, CellOutput[]> }
  | { ok: false; errors: string[] };

const MAX_LISTED_ERRORS = 8;

/** `["cells", 2, "type"]` → `cells[2].type`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/** Reads a notebook file's text. Every failure says what is wrong and where; nothing throws. */
export function parseNotebookFile(text: string): ParseNotebookResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`The file is not valid JSON: ${(e as Error).message}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['The file is not a Benchtop notebook: expected a JSON object at the top level.'] };
  }
  const record = raw as Record<string, unknown>;
  if (record.format !== NOTEBOOK_FILE_FORMAT) {
    if ('nbformat' in record) {
      return { ok: false, errors: ['This is a Jupyter notebook (.ipynb); Benchtop imports its own *.benchtop.json files.'] };
    }
    return { ok: false, errors: [`The file is not a Benchtop notebook: "format" must be "${NOTEBOOK_FILE_FORMAT}", found ${JSON.stringify(record.format ?? null)}.`] };
  }
  if (typeof record.version !== 'number' || !Number.isInteger(record.version) || record.version < 1) {
    return { ok: false, errors: [`"version" must be a whole number ≥ 1, found ${JSON.stringify(record.version ?? null)}.`] };
  }
  if (record.version > NOTEBOOK_FILE_VERSION) {
    return {
      ok: false,
      errors: [`The notebook was saved by a newer Benchtop (file version ${record.version}); this app reads version ${NOTEBOOK_FILE_VERSION}.`],
    };
  }
  const parsed = NotebookFileV1.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const errors = issues.slice(0, MAX_LISTED_ERRORS).map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`);
    if (issues.length > MAX_LISTED_ERRORS) errors.push(`…and ${issues.length - MAX_LISTED_ERRORS} more problems.`);
    return { ok: false, errors };
  }
  const duplicates = duplicateCellIds(parsed.data.cells);
  if (duplicates.length > 0) return { ok: false, errors: duplicates };
  return { ok: true, ...fileToDoc(parsed.data) };
}

/** One sentence per cell whose id repeats an earlier cell's (the server refuses such files too). */
export function duplicateCellIds(cells: ReadonlyArray<{ id: string }>): string[] {
  const firstIndex = new Map<string, number>();
  const duplicates: string[] = [];
  cells.forEach((cell, index) => {
    const earlier = firstIndex.get(cell.id);
    if (earlier === undefined) firstIndex.set(cell.id, index);
    else duplicates.push(`cells[${index}].id: "${cell.id}" repeats the id of cells[${earlier}]; cell ids must be unique.`);
  });
  return duplicates;
}

/** An imported notebook gets a fresh id so it never overwrites the one it was exported from. */
export function asImportedCopy(doc: NotebookDoc, options: { id: string; now: number }): NotebookDoc {
  return { ...doc, id: options.id, updatedAt: options.now };
}
