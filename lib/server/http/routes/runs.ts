import { API_LIMITS, PutRunRequest, RunListQuery, runListItemToWire, runToWire } from '@/lib/track/api';
import { WireRun } from '@/lib/track/schemas';
import { WireRunListItem } from '@/lib/track/run-list';
import { decodeCursor, RunOwnedElsewhereError } from '../../repos/runs';
import { requireRunReader, requireRunWriter } from '../../classroom/scope';
import { HttpError, json, notFound } from '../errors';
import { parseWith, queryObject, readJson } from '../body';
import type { Route } from '../router';
import { idParam } from './common';
import { wireRow, wireRows } from '../../list-rows';
import { bulkRuns } from '../../run-query/meta';

/**
 * Runs. `auth: 'class'`: a class's students use these too, scoped: they list only their own
 * runs, read their class's, and write only their own; a run a student creates is stamped with
 * their class, id and name by the server, whatever the body claims.
 */
export const runRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/runs',
    auth: 'class',
    async handle({ url, services, student }) {
      const q = parseWith(RunListQuery, queryObject(url), 'query', 400);
      let after: { createdAt: number; id: string } | undefined;
      if (q.cursor) {
        try {
          after = decodeCursor(q.cursor);
        } catch (err) {
          throw new HttpError(400, 'bad_request', (err as Error).message, 'cursor');
        }
      }
      const scope = student ? { classId: student.classId, studentId: student.id } : { classId: q.classId, studentId: q.studentId };
      const page = await services.runs.list({ projectId: q.projectId, sweepId: q.sweepId, ...scope, limit: q.limit, after });
      return json(200, { runs: wireRows(WireRunListItem, page.runs.map(runListItemToWire), 'run'), nextCursor: page.nextCursor });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunReader(ctx, runId);
      const run = await ctx.services.runs.get(runId);
      const wire = run && wireRow(WireRun, runToWire(run), 'run');
      if (!wire) throw notFound(`run ${runId}`);
      return json(200, { run: wire });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/runs/:runId',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      const { services, student } = ctx;
      const run = await readJson(ctx.req, PutRunRequest, API_LIMITS.runBytes, 'run');
      if (run.id !== runId) throw new HttpError(422, 'validation_failed', `body id "${run.id}" differs from the URL's run id "${runId}"`, 'id');
      if (!student) {
        const result = await services.runs.upsert(run);
        return json(200, { run: runToWire(result.run), applied: result.applied });
      }
      if (!(await services.runs.exists(runId))) services.classroom.limits.newRun(student);
      try {
        const result = await services.runs.upsert(run, { classId: student.classId, studentId: student.id, owner: student.name });
        return json(200, { run: runToWire(result.run), applied: result.applied });
      } catch (err) {
        if (err instanceof RunOwnedElsewhereError) throw new HttpError(403, 'forbidden', `students may only change their own runs; run ${runId} is someone else's`);
        throw err;
      }
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/runs/:runId',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunWriter(ctx, runId, 'delete');
      // Soft delete (issue 13): the run leaves every list and read at once and is restorable
      // (POST /api/v1/runs/:id/restore) until purged RUN_QUERY_LIMITS.purgeAfterDays later
      // (run-query/purge.ts), which removes rows, points and artifact files.
      const result = await bulkRuns(ctx.services.db.kysely, { action: 'delete', ids: [runId] }, Date.now());
      if (result.changed === 0) throw notFound(`run ${runId}`);
      return new Response(null, { status: 204 });
    },
  },
];
