import type { CellOutput } from '../kernel/protocol';

/** Limits that keep a chatty cell (a print in a hot loop) from freezing the page. */
export const MAX_OUTPUTS_PER_CELL = 500;
export const MAX_TEXT_CHARS = 200_000;

/**
 * Appends one output: consecutive text on the same stream merges into one block (as Jupyter
 * shows it), and the oldest outputs/characters are dropped past the limits.
 * Returns the new list and whether anything was dropped.
 */
export function appendOutput(outputs: CellOutput[], output: CellOutput): { outputs: CellOutput[]; truncated: boolean } {
  const last = outputs[outputs.length - 1];
  let next: CellOutput[];
  if (output.type === 'text' && last?.type === 'text' && last.stream === output.stream) {
    next = [...outputs.slice(0, -1), { ...last, text: last.text + output.text }];
  } else {
    next = [...outputs, output];
  }
  let truncated = false;
  if (next.length > MAX_OUTPUTS_PER_CELL) {
    next = next.slice(next.length - MAX_OUTPUTS_PER_CELL);
    truncated = true;
  }
  const tail = next[next.length - 1];
  if (tail.type === 'text' && tail.text.length > MAX_TEXT_CHARS) {
    next = [...next.slice(0, -1), { ...tail, text: tail.text.slice(tail.text.length - MAX_TEXT_CHARS) }];
    truncated = true;
  }
  return { outputs: next, truncated };
}

/** The first error among a cell's outputs, for highlighting its line in the editor. */
export function firstErrorLine(outputs: CellOutput[]): { line: number; column: number | null } | null {
  for (const o of outputs) {
    if (o.type === 'error' && o.error.line != null) return { line: o.error.line, column: o.error.column };
  }
  return null;
}
