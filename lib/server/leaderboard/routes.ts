import { LeaderboardQuery, type Leaderboard } from '@/lib/classroom/api';
import { parseWith, queryObject } from '../http/body';
import { HttpError, json, notFound } from '../http/errors';
import { idParam } from '../http/routes/common';
import type { Route, RouteContext } from '../http/router';
import { requireClass } from '../assignments/class-access';
import { TooManyStreams } from './hub';
import { leaderboardRows, type LeaderboardSpec } from './query';
import { endedStream, leaderboardStream } from './sse';

/**
 * `GET /api/v1/classes/:classId/leaderboard` (one answer) and `…/leaderboard/stream` (SSE, fed by
 * the shared pollers of lib/server/leaderboard/hub.ts). The teacher and the class's students read
 * them; the names on a class leaderboard are what it is for.
 */

/** The class and query the caller may read, with the assignment's metric and goal as defaults. */
async function specOf(ctx: RouteContext): Promise<LeaderboardSpec> {
  const classId = idParam(ctx, 'classId');
  await requireClass(ctx, classId);
  const q = parseWith(LeaderboardQuery, queryObject(ctx.url), 'query', 400);
  if (q.assignment === undefined) {
    if (q.metric === undefined) throw new HttpError(400, 'bad_request', 'query parameter metric is required (the metric key to rank by), unless assignment=<id> names an assignment whose metric is used', 'metric');
    return { classId, assignmentId: null, metric: q.metric, goal: q.goal ?? 'min' };
  }
  const assignment = await ctx.services.assignments.get(classId, q.assignment);
  if (!assignment) throw notFound(`assignment ${q.assignment} of class ${classId}`);
  return { classId, assignmentId: assignment.id, metric: q.metric ?? assignment.metric, goal: q.goal ?? assignment.goal };
}

async function boardOf(ctx: RouteContext, spec: LeaderboardSpec): Promise<Leaderboard> {
  const rows = await leaderboardRows(ctx.services.db, spec);
  return { assignmentId: spec.assignmentId, metric: spec.metric, goal: spec.goal, rows, updatedAt: Date.now() };
}

export const leaderboardRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/classes/:classId/leaderboard',
    auth: 'class',
    async handle(ctx) {
      return json(200, await boardOf(ctx, await specOf(ctx)));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes/:classId/leaderboard/stream',
    auth: 'class',
    async handle(ctx) {
      const spec = await specOf(ctx);
      const cls = await ctx.services.db.kysely.selectFrom('classes').select('ended_at').where('id', '=', spec.classId).executeTakeFirst();
      if (cls?.ended_at != null) return endedStream(await boardOf(ctx, spec));
      // A student is one viewer wherever they are; the workspace is bounded per peer address.
      const viewer = ctx.student ? `student:${ctx.student.id}` : `workspace:${ctx.peer.remoteAddress ?? 'unknown'}`;
      try {
        return leaderboardStream({ hub: ctx.services.leaderboards, spec, viewer, signal: ctx.req.signal });
      } catch (error) {
        if (error instanceof TooManyStreams) throw new HttpError(429, 'rate_limited', error.message);
        throw error;
      }
    },
  },
];
