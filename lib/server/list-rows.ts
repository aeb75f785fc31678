import type { z } from 'zod';

/**
 * List answers that one stored row cannot break. Clients parse a list with its wire schema as a
 * whole, so a single row over a limit (a 300-character run name written before the limit was
 * enforced, a row edited by hand) made /runs show "0 server runs" for everybody. Each row is
 * checked here instead: a string over its maximum is cut to it, anything else wrong leaves the
 * row out, and either is logged with the row's id so an operator can fix the data.
 */

export type RowLog = (line: string) => void;

const warn: RowLog = (line) => console.warn(line);

/** The row as the schema accepts it (strings cut to their maximum), or undefined with a log line. */
export function wireRow<S extends z.ZodType>(schema: S, row: unknown, what: string, log: RowLog = warn): z.input<S> | undefined {
  const first = schema.safeParse(row);
  if (first.success) return row as z.input<S>;
  const clamped = structuredClone(row);
  const cut: string[] = [];
  for (const issue of first.error.issues) {
    if (issue.code !== 'too_big' || issue.origin !== 'string' || typeof issue.maximum !== 'number') continue;
    if (truncateAt(clamped, issue.path, Number(issue.maximum))) cut.push(issue.path.join('.'));
  }
  const label = `${what} ${idOf(row)}`;
  if (cut.length > 0 && schema.safeParse(clamped).success) {
    log(`[benchtop] ${label}: stored ${cut.join(', ')} over the wire limit; answered cut to the limit`);
    return clamped as z.input<S>;
  }
  const issue = first.error.issues[0];
  log(`[benchtop] ${label} left out of a list: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  return undefined;
}

/** The rows that pass (or pass once cut); the others are left out and logged. */
export function wireRows<S extends z.ZodType>(schema: S, rows: readonly unknown[], what: string, log: RowLog = warn): z.input<S>[] {
  const out: z.input<S>[] = [];
  for (const row of rows) {
    const ok = wireRow(schema, row, what, log);
    if (ok !== undefined) out.push(ok);
  }
  return out;
}

/**
 * Rows turned into records by `read`, leaving out (and logging) any whose stored JSON or state
 * no longer reads: one such row costs its own place in a list, not the list.
 */
export function readableRows<R, T>(rows: readonly R[], read: (row: R) => T, what: string, log: RowLog = warn): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(read(row));
    } catch (err) {
      log(`[benchtop] ${what} ${idOf(row)} left out of a list: stored data does not read (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return out;
}

function truncateAt(value: unknown, path: readonly PropertyKey[], maximum: number): boolean {
  if (path.length === 0) return false;
  let parent: unknown = value;
  for (const key of path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<PropertyKey, unknown>)[key] : undefined;
  if (parent === null || typeof parent !== 'object') return false;
  const key = path[path.length - 1];
  const current = (parent as Record<PropertyKey, unknown>)[key];
  if (typeof current !== 'string') return false;
  // zod counts UTF-16 units; do not leave half of a surrogate pair at the cut.
  const cut = current.slice(0, maximum);
  (parent as Record<PropertyKey, unknown>)[key] = /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  return true;
}

function idOf(row: unknown): string {
  const id = row !== null && typeof row === 'object' ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? JSON.stringify(id) : '(no id)';
}
