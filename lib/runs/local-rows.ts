import type { RunListItem } from '../track/run-list';
import type { RunRow } from '../track/run-query';
import type { FilterExpr, FilterValue, RunField } from '../track/run-filter';
import type { RunSortKey } from '../track/run-filter';

/**
 * This browser's runs that the sync server does not have yet, in the same table as the server's
 * pages: converted to query rows, filtered with the same filter AST the server compiles to SQL,
 * and merged into the server's sort order. Pure: no React, no IndexedDB.
 */

/** A local list row as a query row (what the server would answer for it once synced). */
export function localRow(run: RunListItem): RunRow {
  const metrics: RunRow['metrics'] = {};
  for (const [key, s] of Object.entries(run.summary)) metrics[key] = { last: s.last, min: s.min, max: s.max };
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    owner: run.owner,
    projectId: run.projectId,
    sweepId: run.sweepId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    tags: run.tags,
    notes: null,
    params: run.params,
    metrics,
    deletedAt: null,
    backend: run.backend,
  };
}

type Scalar = string | number | boolean | null;

/** The value of a field on a row; undefined = the run has no such value (SQL's NULL). */
export function fieldValue(row: RunRow, field: RunField): Scalar | undefined {
  switch (field.kind) {
    case 'attr': {
      const v = (row as unknown as Record<string, unknown>)[field.attr];
      return v === null || v === undefined ? undefined : (v as Scalar);
    }
    case 'param':
      return field.key in row.params ? row.params[field.key] : undefined;
    case 'metric':
      return row.metrics[field.key]?.[field.agg];
    case 'tag':
      return row.tags[field.key];
  }
}

/** Numbers compare as numbers (a param logged as "0.01" equals 0.01), everything else as text. */
function compareValues(a: Scalar, b: Scalar): number {
  const na = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

function compare(v: Scalar | undefined, op: string, value: FilterValue): boolean {
  if (v === undefined || v === null || value === null) return op === '!=' ? v !== value : false;
  switch (op) {
    case '=':
      return compareValues(v, value) === 0;
    case '!=':
      return compareValues(v, value) !== 0;
    case '<':
      return compareValues(v, value) < 0;
    case '<=':
      return compareValues(v, value) <= 0;
    case '>':
      return compareValues(v, value) > 0;
    case '>=':
      return compareValues(v, value) >= 0;
    case '~':
      return String(v).toLowerCase().includes(String(value).toLowerCase());
    default:
      return false;
  }
}

/** Whether a row matches a parsed filter (null = no filter). */
export function rowMatches(row: RunRow, expr: FilterExpr | null): boolean {
  if (!expr) return true;
  switch (expr.type) {
    case 'compare':
      return compare(fieldValue(row, expr.field), expr.op, expr.value);
    case 'in':
      return expr.values.some((value) => compare(fieldValue(row, expr.field), '=', value));
    case 'present': {
      const v = fieldValue(row, expr.field);
      return v !== undefined && v !== null;
    }
    case 'and':
      return rowMatches(row, expr.left) && rowMatches(row, expr.right);
    case 'or':
      return rowMatches(row, expr.left) || rowMatches(row, expr.right);
    case 'not':
      return !rowMatches(row, expr.expr);
  }
}

/** The table's order: by the sort keys (rows without a value last either way), then newest, then id. */
export function compareRows(a: RunRow, b: RunRow, keys: readonly RunSortKey[]): number {
  for (const key of keys) {
    const va = fieldValue(a, key.field);
    const vb = fieldValue(b, key.field);
    const aMissing = va === undefined || va === null;
    const bMissing = vb === undefined || vb === null;
    if (aMissing || bMissing) {
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      continue;
    }
    const c = compareValues(va, vb);
    if (c !== 0) return key.desc ? -c : c;
  }
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Server pages and local-only rows as one sorted list, each run once. A local row that sorts
 * after the last loaded server row waits while the server has more pages (it will land in its
 * place when the next page arrives), so scrolling never shows it out of order.
 */
export function mergeRows(options: { server: readonly RunRow[]; serverHasMore: boolean; local: readonly RunRow[]; sort: readonly RunSortKey[] }): RunRow[] {
  const localIds = new Set(options.local.map((r) => r.id));
  const server = options.server.filter((r) => !localIds.has(r.id));
  const last = server[server.length - 1];
  const local = [...options.local]
    .sort((a, b) => compareRows(a, b, options.sort))
    .filter((r) => !options.serverHasMore || !last || compareRows(r, last, options.sort) <= 0);
  if (local.length === 0) return server;
  const out: RunRow[] = [];
  let i = 0;
  let j = 0;
  while (i < server.length || j < local.length) {
    if (j >= local.length || (i < server.length && compareRows(server[i], local[j], options.sort) <= 0)) out.push(server[i++]);
    else out.push(local[j++]);
  }
  return out;
}
