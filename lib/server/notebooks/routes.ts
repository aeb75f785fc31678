import { z } from 'zod';
import { duplicateCellIds } from '@/lib/notebook/parse-file';
import { NOTEBOOK_API_LIMITS, PutNotebookRequest, type StoredNotebook } from '@/lib/track/notebook-api';
import { parseWith, queryObject, readJson } from '../http/body';
import { HttpError, json, notFound } from '../http/errors';
import { idParam } from '../http/routes/common';
import type { Route, RouteContext } from '../http/router';
import { NotebookVersionConflict, NotebookWriteForbidden, type NotebookWriter } from './repo';

/**
 * `/api/v1/notebooks` (wire types in lib/track/notebook-api.ts). The workspace reads every
 * notebook and writes its own (not a student's copy: the teacher sees those read-only); a student
 * reads and writes only their copies of assignments, which they get from
 * POST /api/v1/classes/:id/assignments/:aid/copy (lib/server/assignments).
 */

export function notebookWriter(ctx: RouteContext): NotebookWriter {
  return { studentId: ctx.student?.id ?? null };
}

/** The notebook if this caller may read it; 404 when absent, 403 when it is not theirs. */
export async function readableNotebook(ctx: RouteContext, id: string): Promise<StoredNotebook> {
  const notebook = await ctx.services.notebooks.get(id);
  if (!notebook) throw notFound(`notebook ${id}`);
  if (ctx.student && notebook.studentId !== ctx.student.id) throw new HttpError(403, 'forbidden', `notebook ${id} is not your copy: students may read only their own copies`);
  return notebook;
}

/** Domain refusals of the repo as HTTP answers. */
export function notebookWriteError(error: unknown): unknown {
  if (error instanceof NotebookVersionConflict) return new HttpError(409, 'conflict', error.message, 'baseVersion');
  if (error instanceof NotebookWriteForbidden) return new HttpError(403, 'forbidden', error.message);
  return error;
}

/** The checks the file format's reader makes beyond its schema (unique cell ids). */
export function requireWellFormedFile(file: { cells: ReadonlyArray<{ id: string }> }, field: string): void {
  const duplicates = duplicateCellIds(file.cells);
  if (duplicates.length > 0) throw new HttpError(422, 'validation_failed', `invalid ${field}: ${duplicates[0]}`, field);
}

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(NOTEBOOK_API_LIMITS.listMax).default(NOTEBOOK_API_LIMITS.listMax) });

export const notebookRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/notebooks',
    auth: 'class',
    async handle(ctx) {
      const { limit } = parseWith(ListQuery, queryObject(ctx.url), 'query', 400);
      return json(200, { notebooks: await ctx.services.notebooks.list(notebookWriter(ctx), limit) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/notebooks/:notebookId',
    auth: 'class',
    async handle(ctx) {
      return json(200, { notebook: await readableNotebook(ctx, idParam(ctx, 'notebookId')) });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/notebooks/:notebookId',
    auth: 'class',
    async handle(ctx) {
      const id = idParam(ctx, 'notebookId');
      const body = await readJson(ctx.req, PutNotebookRequest, NOTEBOOK_API_LIMITS.notebookBytes, 'notebook');
      if (body.notebook.id !== id) throw new HttpError(400, 'bad_request', `notebook.id ("${body.notebook.id}") must equal the id in the path ("${id}")`, 'notebook.id');
      requireWellFormedFile(body.notebook, 'notebook');
      try {
        const notebook = await ctx.services.notebooks.put(body.notebook, { baseVersion: body.baseVersion ?? 0, writer: notebookWriter(ctx), now: Date.now() });
        return json(200, { notebook });
      } catch (error) {
        throw notebookWriteError(error);
      }
    },
  },
];
