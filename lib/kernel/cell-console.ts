import { formatLogArgs, formatValue } from './format-value';
import type { KernelEvent } from './protocol';

/**
 * The `console` a cell sees: log/info/debug go to the cell's stdout, warn/error to stderr, and
 * console.table becomes a table output. Output of async work that outlives its cell lands on the
 * cell that created this console.
 */
export function createCellConsole(cellId: string, emit: (event: KernelEvent) => void) {
  const write = (stream: 'stdout' | 'stderr') => (...args: unknown[]) =>
    emit({ type: 'output', cellId, output: { type: 'text', stream, text: `${formatLogArgs(args)}\n` } });
  return {
    log: write('stdout'),
    info: write('stdout'),
    debug: write('stdout'),
    warn: write('stderr'),
    error: write('stderr'),
    table(data: unknown) {
      const rows = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data) : null;
      if (!rows) return write('stdout')(data);
      const columns = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : ['value'])))];
      const cellOf = (v: unknown): string | number | null => (v === undefined || v === null ? null : typeof v === 'number' ? v : typeof v === 'string' ? v : formatValue(v));
      emit({
        type: 'output',
        cellId,
        output: {
          type: 'table',
          columns,
          rows: rows.map((r) => columns.map((c) => cellOf(r && typeof r === 'object' ? (r as Record<string, unknown>)[c] : c === 'value' ? r : undefined))),
        },
      });
    },
  };
}
