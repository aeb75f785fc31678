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

export const ServerNotebookPut = z.object({ title: z.string(), content: z.string(), version: z.number().int() });
export type ServerNotebookPut = z.infer<typeof ServerNotebookPut>;
