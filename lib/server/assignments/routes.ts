import { PublishAssignmentRequest, type Assignment } from '@/lib/classroom/api';
import { NOTEBOOK_API_LIMITS } from '@/lib/classroom/server-notebook';
import { readJson } from '../http/body';
import { HttpError, json, notFound } from '../http/errors';
import { idParam } from '../http/routes/common';
import type { Route, RouteContext } from '../http/router';
import { requireTeacher } from '../classroom/scope';
import { requireClass } from './class-access';
import { requireWellFormedFile } from '../notebooks/routes';

/**
 * `/api/v1/classes/:classId/assignments` (wire types in lib/classroom/api.ts): the teacher
 * publishes a notebook (stored as a snapshot), teacher and students list them, a student gets
 * their own copy, the teacher lists the copies (and reads each with GET /api/v1/notebooks/:id).
 */

/** The class's assignment named in the path, once the caller is known to be in the class. */
async function assignmentOf(ctx: RouteContext, classId: string): Promise<Assignment> {
  const assignmentId = idParam(ctx, 'assignmentId');
  const assignment = await ctx.services.assignments.get(classId, assignmentId);
  if (!assignment) throw notFound(`assignment ${assignmentId} of class ${classId}`);
  return assignment;
}

export const assignmentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/classes/:classId/assignments',
    auth: 'workspace',
    async handle(ctx) {
      const classId = idParam(ctx, 'classId');
      requireTeacher(ctx, 'publish assignments');
      const body = await readJson(ctx.req, PublishAssignmentRequest, NOTEBOOK_API_LIMITS.notebookBytes, 'assignment');
      await requireClass(ctx, classId);
      requireWellFormedFile(body.notebook, 'notebook');
      const assignment = await ctx.services.assignments.publish({ classId, title: body.title, file: body.notebook, metric: body.metric, goal: body.goal, now: Date.now() });
      return json(201, assignment);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes/:classId/assignments',
    auth: 'class',
    async handle(ctx) {
      const classId = idParam(ctx, 'classId');
      await requireClass(ctx, classId);
      return json(200, { assignments: await ctx.services.assignments.list(classId) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/classes/:classId/assignments/:assignmentId/copy',
    auth: 'class',
    async handle(ctx) {
      const classId = idParam(ctx, 'classId');
      await requireClass(ctx, classId);
      if (!ctx.student) throw new HttpError(403, 'forbidden', "only a student gets a copy of an assignment; the teacher reads the published snapshot (the assignment's notebookId)");
      const assignment = await assignmentOf(ctx, classId);
      return json(200, { notebook: await ctx.services.assignments.copyFor(assignment, ctx.student.id, Date.now()) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes/:classId/assignments/:assignmentId/copies',
    auth: 'workspace',
    async handle(ctx) {
      const classId = idParam(ctx, 'classId');
      requireTeacher(ctx, "list the students' copies");
      await requireClass(ctx, classId);
      const assignment = await assignmentOf(ctx, classId);
      return json(200, { copies: await ctx.services.assignments.copies(assignment.id) });
    },
  },
];
