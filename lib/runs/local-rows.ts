import type { RunListItem } from '../track/run-list';
import type { RunRow } from '../track/run-query';
import type { RunField, RunSortKey } from '../track/run-filter';

/**
 * This browser's runs that the sync server does not have yet, in the same table as the server's
 * pages: converted to query rows, filtered with the same filter AST the server compiles to SQL,
 * (lib/track/run-filter matchesFilter) and merged into the server's sort order. Pure: no React, no IndexedDB.
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

/** Numbers compare as numbers, everything else as text (the order the server's sort gives). */
function compareValues(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
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
