import { CreateClassRequest } from '@/lib/classroom/api';
import { IdSchema } from '@/lib/track/schemas';
import { API_LIMITS } from '@/lib/track/api';
import { readJson } from '../http/body';
import { HttpError, json, notFound } from '../http/errors';
import type { Route, RouteContext } from '../http/router';
import { requireClassMember } from './scope';
import { classRecord, joinUrl, rosterRow } from './views';
import type { ClassRow } from './repo';

/** The teacher's class endpoints (issue 12); joining, `me` and leaving are in join-routes.ts. */

function classIdOf(ctx: RouteContext): string {
  const parsed = IdSchema.safeParse(ctx.params.classId);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `path parameter classId: ${parsed.error.issues[0]?.message}`, 'classId');
  return parsed.data;
}

async function requireClass(ctx: RouteContext): Promise<ClassRow> {
  const id = classIdOf(ctx);
  requireClassMember(ctx, id);
  const row = await ctx.services.classroom.repo.getClass(id);
  if (!row) throw notFound(`class ${id}`);
  return row;
}

const recordOf = (ctx: RouteContext, row: ClassRow) => classRecord(row, joinUrl(ctx.services.env, ctx.req, ctx.secure, row.code));

export const classRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/classes',
    auth: 'workspace',
    async handle(ctx) {
      const body = await readJson(ctx.req, CreateClassRequest, API_LIMITS.smallJsonBytes, 'class');
      return json(201, recordOf(ctx, await ctx.services.classroom.repo.createClass(body.name)));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes',
    auth: 'workspace',
    async handle(ctx) {
      const rows = await ctx.services.classroom.repo.listClasses();
      return json(200, { classes: rows.map((r) => recordOf(ctx, r)) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes/:classId',
    auth: 'class',
    handle: async (ctx) => json(200, recordOf(ctx, await requireClass(ctx))),
  },
  {
    method: 'POST',
    path: '/api/v1/classes/:classId/end',
    auth: 'workspace',
    async handle(ctx) {
      const id = classIdOf(ctx);
      const row = await ctx.services.classroom.repo.endClass(id);
      if (!row) throw notFound(`class ${id}`);
      return json(200, recordOf(ctx, row));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes/:classId/roster',
    auth: 'workspace',
    async handle(ctx) {
      const row = await requireClass(ctx);
      const now = Date.now();
      return json(200, { rows: (await ctx.services.classroom.repo.roster(row.id)).map((s) => rosterRow(s, now)) });
    },
  },
];
