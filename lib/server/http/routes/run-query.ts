import { RunBulkRequest, RunGroupsQuery, RunMetaPatch, RunQuery, type RunQuery as RunQueryT } from '@/lib/track/run-query';
import { parseRunSort } from '@/lib/track/run-filter';
import type { Services } from '../../services';
import { HttpError, json, notFound } from '../errors';
import { parseWith, queryObject, readJson } from '../body';
import type { Route, RouteContext } from '../router';
import { idParam } from './common';
import { BadCursorError } from '../../run-query/cursor';
import { badFilter, columnFields, planRunQuery, whereOf } from '../../run-query/plan';
import { queryRuns } from '../../run-query/query';
import { assembleRows, baseRows, rowColumnsOf } from '../../run-query/rows';
import { runColumns, runGroups } from '../../run-query/aggregate';
import { bulkRuns, updateRunMeta } from '../../run-query/meta';
import { exportCsv, exportJson, exportRunMetricsCsv } from '../../run-query/export';
import { purgeExpiredRunsSoon } from '../../run-query/purge';

/** Bytes of a meta or bulk request body at most (notes are ≤ 64 KB; 1000 ids ≈ 70 KB). */
const META_BODY_BYTES = 512 * 1024;

function readQuery(ctx: RouteContext): RunQueryT {
  purgeExpiredRunsSoon(ctx.services, Date.now(), ctx.log);
  return parseWith(RunQuery, queryObject(ctx.url), 'query', 400);
}

async function rowOf(services: Services, runId: string) {
  const [row] = await assembleRows(services.db.kysely, await baseRows(services.db.kysely, [runId]), {});
  if (!row) throw notFound(`run ${runId}`);
  return row;
}

/** The whole filtered, sorted table as a streamed download. */
async function exportResponse(ctx: RouteContext, format: 'csv' | 'json'): Promise<Response> {
  const q = readQuery(ctx);
  const plan = planRunQuery(q, ctx.services.db.dialect);
  const fields = q.columns && columnFields(q.columns);
  const { kysely } = ctx.services.db;
  if (format === 'json') return new Response(exportJson(kysely, plan, fields), { status: 200, headers: attachment('runs.json', 'application/json; charset=utf-8') });
  const keys = fields ? { params: [], metrics: [], tags: [] } : await runColumns(kysely, plan.where, false);
  return new Response(exportCsv(kysely, plan, fields, keys), { status: 200, headers: attachment('runs.csv', 'text/csv; charset=utf-8') });
}

/** A route that changes one run (`change` answers false when the run is not there: 404) and answers its new row. */
function runRowRoute(method: 'PUT' | 'POST', path: string, change: (ctx: RouteContext, runId: string) => Promise<boolean>): Route {
  return {
    method,
    path,
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      if (!(await change(ctx, runId))) throw notFound(`run ${runId}`);
      return json(200, await rowOf(ctx.services, runId));
    },
  };
}

const attachment = (name: string, type: string) => ({ 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'x-content-type-options': 'nosniff' });

/**
 * The runs query API (issue 13). Listed before runRoutes: `/api/v1/runs/query` would otherwise
 * match `/api/v1/runs/:runId` (a run whose id is "query", "columns", "groups" or "bulk" is read by
 * its id through the MLflow API or the run page's other endpoints).
 */
export const runQueryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/runs/query',
    auth: 'workspace',
    async handle(ctx) {
      const q = readQuery(ctx);
      const plan = planRunQuery(q, ctx.services.db.dialect);
      const columns = rowColumnsOf(q.columns && columnFields(q.columns));
      try {
        return json(200, await queryRuns(ctx.services.db.kysely, plan, { cursor: q.cursor, limit: q.limit, columns }));
      } catch (err) {
        if (err instanceof BadCursorError) throw new HttpError(400, 'bad_request', err.message, 'cursor');
        throw err;
      }
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/query.json',
    auth: 'workspace',
    handle: (ctx) => exportResponse(ctx, 'json'),
  },
  {
    method: 'GET',
    path: '/api/v1/runs/query.csv',
    auth: 'workspace',
    handle: (ctx) => exportResponse(ctx, 'csv'),
  },
  {
    method: 'GET',
    path: '/api/v1/runs/columns',
    auth: 'workspace',
    async handle(ctx) {
      const q = readQuery(ctx);
      // Keys of soft-deleted runs may be listed too: harmless in a chooser, and it spares a 2M-row scan.
      const unfiltered = !q.filter?.trim();
      return json(200, await runColumns(ctx.services.db.kysely, whereOf(q.filter, q.includeDeleted, ctx.services.db.dialect), unfiltered));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/groups',
    auth: 'workspace',
    async handle(ctx) {
      const q = parseWith(RunGroupsQuery, queryObject(ctx.url), 'query', 400);
      const by = parseRunSort(q.by);
      if (!by.ok) throw badFilter('by', by.error);
      if (by.keys.length !== 1 || by.keys[0].desc) throw badFilter('by', { message: 'group by one field', offset: 0, length: q.by.length });
      const { dialect } = ctx.services.db;
      const groups = await runGroups(ctx.services.db.kysely, { dialect, where: whereOf(q.filter, q.includeDeleted, dialect), by: by.keys[0].field, byText: q.by, metrics: q.metrics ?? [] });
      if (!groups) throw badFilter('by', { message: 'runs group by a run field, a param or a tag, not by a metric', offset: 0, length: q.by.length });
      return json(200, groups);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runs/bulk',
    auth: 'workspace',
    async handle(ctx) {
      const body = await readJson(ctx.req, RunBulkRequest, META_BODY_BYTES, 'bulk request');
      return json(200, await bulkRuns(ctx.services.db.kysely, body, Date.now()));
    },
  },
  runRowRoute('PUT', '/api/v1/runs/:runId/meta', async (ctx, runId) =>
    updateRunMeta(ctx.services.db.kysely, runId, await readJson(ctx.req, RunMetaPatch, META_BODY_BYTES, 'run meta'), Date.now()),
  ),
  runRowRoute('POST', '/api/v1/runs/:runId/restore', async (ctx, runId) => (await bulkRuns(ctx.services.db.kysely, { action: 'restore', ids: [runId] }, Date.now())).missing.length === 0),
  {
    method: 'GET',
    path: '/api/v1/runs/:runId/metrics.csv',
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      if (!(await ctx.services.runs.exists(runId))) throw notFound(`run ${runId}`);
      return new Response(exportRunMetricsCsv(ctx.services.db.kysely, runId), { status: 200, headers: attachment(`${runId}-metrics.csv`, 'text/csv; charset=utf-8') });
    },
  },
];
