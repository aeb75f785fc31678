import { sha256Hex } from '../data/sha256';
import type { CodeSnapshot } from '../track/schemas';
import type { CellContext } from '../kernel/session';

/** The notebook's code cells as they were when the run started, hashed so identical code is findable. */
export async function codeSnapshot(cell: CellContext): Promise<CodeSnapshot | null> {
  if (cell.notebookCells.length === 0) return null;
  const cells = cell.notebookCells.map((c) => ({ cellId: c.cellId, source: c.source }));
  return { cells, sha256: await sha256Hex(cells.map((c) => c.source).join('\n')) };
}
