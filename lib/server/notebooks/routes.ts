import { z } from 'zod';
import { NotebookFileV1 } from '@/lib/notebook/format';
import { duplicateCellIds } from '@/lib/notebook/parse-file';
import { NOTEBOOK_API_LIMITS, ServerNotebookPut, type ServerNotebook } from '@/lib/classroom/server-notebook';
import { jsonDepthProblem, parseWith, queryObject, readJson } from '../http/body';
import { HttpError, json, notFound } from '../http/errors';
import { idParam } from '../http/routes/common';
import type { Route, RouteContext } from '../http/router';
import { NotebookVersionConflict, NotebookWriteForbidden, type NotebookWriter } from './repo';

/**
 * `/api/v1/notebooks` (wire types in lib/classroom/server-notebook.ts). A PUT carries the notebook
 * file as JSON text (`content`), checked here by the file format's own schema, and the version it
 * started from (`version`, 0 to create). The workspace reads every
 * notebook and writes its own (not a student's copy: the teacher sees those read-only); a student
 * reads and writes only their copies of assignments, which they get from
 * POST /api/v1/classes/:id/assignments/:aid/copy (lib/server/assignments).
 */

export function notebookWriter(ctx: RouteContext): NotebookWriter {
  return { studentId: ctx.student?.id ?? null };
}

/** The notebook if this caller may read it; 404 when absent, 403 when it is not theirs. */
export async function readableNotebook(ctx: RouteContext, id: string): Promise<ServerNotebook> {
  const notebook = await ctx.services.notebooks.get(id);
  if (!notebook) throw notFound(`notebook ${id}`);
  if (ctx.student && notebook.studentId !== ctx.student.id) throw new HttpError(403, 'forbidden', `notebook ${id} is not your copy: students may read only their own copies`);
  return notebook;
}

/** Domain refusals of the repo as HTTP answers. */
export function notebookWriteError(error: unknown): unknown {
  if (error instanceof NotebookVersionConflict) return new HttpError(409, 'conflict', error.message, 'version');
  if (error instanceof NotebookWriteForbidden) return new HttpError(403, 'forbidden', error.message);
  return error;
}

/** `content` as a notebook file, or a 4xx naming what is wrong in it (`content.cells.2.type`). */
function notebookFileOf(content: string): NotebookFileV1 {
  const tooDeep = jsonDepthProblem(content);
  if (tooDeep) throw new HttpError(400, 'bad_request', `content ${tooDeep}`, 'content');
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    throw new HttpError(400, 'invalid_json', `content is not a notebook file's JSON: ${(err as Error).message}`, 'content');
  }
  const parsed = NotebookFileV1.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['content', ...issue.path.map(String)].join('.');
    throw new HttpError(422, 'validation_failed', `invalid notebook: ${field}: ${issue.message}`, field);
  }
  requireWellFormedFile(parsed.data, 'content');
  return parsed.data;
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
      const body = await readJson(ctx.req, ServerNotebookPut, NOTEBOOK_API_LIMITS.notebookBytes, 'notebook');
      const file = notebookFileOf(body.content);
      if (file.id !== id) throw new HttpError(400, 'bad_request', `content.id ("${file.id}") must equal the id in the path ("${id}")`, 'content.id');
      try {
        const notebook = await ctx.services.notebooks.put(file, { title: body.title, baseVersion: body.version, writer: notebookWriter(ctx), now: Date.now() });
        return json(200, { notebook });
      } catch (error) {
        throw notebookWriteError(error);
      }
    },
  },
];
