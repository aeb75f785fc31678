import { API_LIMITS, PutRunRequest, RunListQuery, runListItemToWire, runToWire } from '@/lib/track/api';
import { WireRun } from '@/lib/track/schemas';
import { WireRunListItem } from '@/lib/track/run-list';
import { decodeCursor } from '../../repos/runs';
import { HttpError, json, notFound } from '../errors';
import { parseWith, queryObject, readJson } from '../body';
import type { Route } from '../router';
import { idParam } from './common';
import { wireRow, wireRows } from '../../list-rows';
import { bulkRuns } from '../../run-query/meta';

export const runRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/runs',
    auth: 'workspace',
    async handle({ url, services }) {
      const q = parseWith(RunListQuery, queryObject(url), 'query', 400);
      let after: { createdAt: number; id: string } | undefined;
      if (q.cursor) {
        try {
          after = decodeCursor(q.cursor);
        } catch (err) {
          throw new HttpError(400, 'bad_request', (err as Error).message, 'cursor');
        }
      }
      const page = await services.runs.list({ projectId: q.projectId, sweepId: q.sweepId, limit: q.limit, after });
      return json(200, { runs: wireRows(WireRunListItem, page.runs.map(runListItemToWire), 'run'), nextCursor: page.nextCursor });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId',
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      const run = await ctx.services.runs.get(runId);
      const wire = run && wireRow(WireRun, runToWire(run), 'run');
      if (!wire) throw notFound(`run ${runId}`);
      return json(200, { run: wire });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/runs/:runId',
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      const run = await readJson(ctx.req, PutRunRequest, API_LIMITS.runBytes, 'run');
      if (run.id !== runId) throw new HttpError(422, 'validation_failed', `body id "${run.id}" differs from the URL's run id "${runId}"`, 'id');
      const result = await ctx.services.runs.upsert(run);
      return json(200, { run: runToWire(result.run), applied: result.applied });
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/runs/:runId',
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      // Soft delete (issue 13): the run leaves every list and read at once and is restorable
      // (POST /api/v1/runs/:id/restore) until purged RUN_QUERY_LIMITS.purgeAfterDays later
      // (run-query/purge.ts), which removes rows, points and artifact files.
      const result = await bulkRuns(ctx.services.db.kysely, { action: 'delete', ids: [runId] }, Date.now());
      if (result.changed === 0) throw notFound(`run ${runId}`);
      return new Response(null, { status: 204 });
    },
  },
];
