import { z } from 'zod';

/**
 * A notebook kept on the server (`GET|PUT /api/v1/notebooks/:id`). `content` is the notebook file
 * (lib/notebook/format.ts) as JSON text; `version` grows by one with every save, and a save names
 * the version it started from so two browsers cannot silently overwrite each other.
 */
export const ServerNotebook = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  classId: z.string().nullable(),
  studentId: z.string().nullable(),
  assignmentId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int(),
});
export type ServerNotebook = z.infer<typeof ServerNotebook>;

/** `version`: the server version this edit started from (0 creates); `content`: the notebook file's JSON text. */
export const ServerNotebookPut = z.object({ title: z.string().max(256), content: z.string(), version: z.number().int().min(0) });
export type ServerNotebookPut = z.infer<typeof ServerNotebookPut>;

/** Bounds of the notebook routes (lib/server/notebooks/routes.ts). */
export const NOTEBOOK_API_LIMITS = {
  /** Body of a notebook PUT or an assignment publish (the file, outputs included) (4 MiB). */
  notebookBytes: 4 * 1_048_576,
  /** Notebooks in one list answer (newest first). */
  listMax: 500,
} as const;

/** What `GET /api/v1/notebooks` lists: everything but the content. */
export const ServerNotebookSummary = ServerNotebook.omit({ content: true });
export type ServerNotebookSummary = z.infer<typeof ServerNotebookSummary>;
export const NotebookListResponse = z.object({ notebooks: z.array(ServerNotebookSummary) });
/** GET|PUT /api/v1/notebooks/:id and POST …/assignments/:aid/copy. */
export const NotebookResponse = z.object({ notebook: ServerNotebook });
