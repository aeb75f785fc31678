import type { RunField } from './ast';
import { fieldOf } from './fields';
import { FilterSyntaxError, readPath } from './lexer';
import type { RunFilterError } from './parser';

export interface RunSortKey {
  field: RunField;
  desc: boolean;
}

/** Sort keys at most (each is one more ORDER BY term and one more cursor value). */
export const MAX_SORT_KEYS = 4;

/**
 * `-metrics.loss.min,name`: comma-separated fields, `-` for descending. Empty text is the default
 * order (newest first), which the caller supplies. Never throws.
 */
export function parseRunSort(text: string): { ok: true; keys: RunSortKey[] } | { ok: false; error: RunFilterError } {
  const keys: RunSortKey[] = [];
  let i = 0;
  try {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (i >= text.length) {
        if (keys.length === 0) return { ok: true, keys };
        throw new FilterSyntaxError('expected a field after ","', { offset: text.length, length: 0 });
      }
      let desc = false;
      if (text[i] === '-' || text[i] === '+') desc = text[i++] === '-';
      if (!/[A-Za-z_`]/.test(text[i] ?? '')) throw new FilterSyntaxError('expected a field to sort by', { offset: i, length: Math.min(1, text.length - i) });
      const start = i;
      const { path, end } = readPath(text, i);
      i = end;
      keys.push({ field: fieldOf({ type: 'path', ...path, span: { offset: start, length: end - start } }), desc });
      if (keys.length > MAX_SORT_KEYS) throw new FilterSyntaxError(`more than ${MAX_SORT_KEYS} sort keys`, { offset: start, length: end - start });
      while (i < text.length && /\s/.test(text[i])) i++;
      if (i >= text.length) return { ok: true, keys };
      if (text[i] !== ',') throw new FilterSyntaxError(`expected "," between sort keys, found ${JSON.stringify(text[i])}`, { offset: i, length: 1 });
      i++;
    }
  } catch (err) {
    if (err instanceof FilterSyntaxError) return { ok: false, error: { message: err.message, ...err.span } };
    throw err;
  }
}
