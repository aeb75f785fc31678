import { z } from 'zod';
import {
  RunBulkResult,
  RunColumns,
  RunGroups,
  RunQueryResult,
  RunRow,
  runQuerySearchParams,
  type RunBulkRequest,
  type RunMetaPatch,
  type RunQueryInput,
} from './run-query';
import { request, type ServerConnection } from './sync-api-client';

/**
 * The browser's side of the runs query API (lib/track/run-query.ts): typed calls, answers
 * validated with the same zod schemas the route handlers use. No DOM: `fetch` only.
 */
const run = (id: string) => `/api/v1/runs/${encodeURIComponent(id)}`;

export const runQueryApi = {
  query: (conn: ServerConnection, q: Partial<RunQueryInput>) => request(conn, RunQueryResult, 'GET', `/api/v1/runs/query?${runQuerySearchParams(q)}`),

  columns: (conn: ServerConnection, q: { filter?: string; includeDeleted?: boolean } = {}) =>
    request(conn, RunColumns, 'GET', `/api/v1/runs/columns?${runQuerySearchParams(q)}`),

  groups: (conn: ServerConnection, q: { by: string; filter?: string; metrics?: string[]; includeDeleted?: boolean }) => {
    const search = runQuerySearchParams({ filter: q.filter, includeDeleted: q.includeDeleted });
    search.set('by', q.by);
    if (q.metrics?.length) search.set('metrics', q.metrics.join(','));
    return request(conn, RunGroups, 'GET', `/api/v1/runs/groups?${search}`);
  },

  patchMeta: (conn: ServerConnection, id: string, patch: RunMetaPatch) => request(conn, RunRow, 'PUT', `${run(id)}/meta`, true, patch),

  /** Soft delete: restorable for 30 days. */
  remove: (conn: ServerConnection, id: string) => request(conn, z.unknown(), 'DELETE', run(id)),
  restore: (conn: ServerConnection, id: string) => request(conn, z.unknown(), 'POST', `${run(id)}/restore`),

  bulk: (conn: ServerConnection, body: z.input<typeof BulkBody>) => request(conn, RunBulkResult, 'POST', '/api/v1/runs/bulk', true, BulkBody.parse(body)),

  /** A file the server streams (an export), fetched with the token a plain link cannot carry. */
  async file(conn: ServerConnection, url: string): Promise<Blob> {
    const res = await fetch(url, { headers: conn.token ? { authorization: `Bearer ${conn.token}` } : {} });
    if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
    return res.blob();
  },

  /** Every logged point of one run as CSV (key, step, value, time). */
  metricsCsvUrl: (conn: ServerConnection, id: string) => `${conn.baseUrl.replace(/\/+$/, '')}${run(id)}/metrics.csv`,

  /** The whole filtered table as a file (streamed by the server); a link the browser downloads. */
  exportUrl: (conn: ServerConnection, format: 'csv' | 'json', q: Partial<RunQueryInput>) => {
    const search = runQuerySearchParams({ ...q, cursor: undefined, limit: undefined });
    return `${conn.baseUrl.replace(/\/+$/, '')}/api/v1/runs/query.${format}?${search}`;
  },
};

/** What the browser may send (the server validates again). */
const BulkBody = z.object({
  action: z.enum(['delete', 'restore', 'tag', 'untag']),
  ids: z.array(z.string()).min(1),
  tag: z.object({ key: z.string().min(1), value: z.string() }).optional(),
}) satisfies z.ZodType<Omit<RunBulkRequest, 'tag'> & { tag?: { key: string; value: string } }>;
