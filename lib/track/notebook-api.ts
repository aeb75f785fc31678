import { z } from 'zod';
import { NotebookFileV1 } from '../notebook/format';
import { EpochMs, IdSchema } from './schemas';

/**
 * Notebooks saved on the server (issue 12): `GET /api/v1/notebooks`, `GET|PUT /api/v1/notebooks/:id`.
 * The body is the notebook file itself (lib/notebook/format.ts), validated by the file format's
 * own schema, so a file that the app would refuse to open is refused on the way in.
 */

export const NOTEBOOK_API_LIMITS = {
  /** Body of a notebook PUT or an assignment publish (the file, outputs included) (4 MiB). */
  notebookBytes: 4 * 1_048_576,
  /** Notebooks in one list answer (newest first). */
  listMax: 500,
} as const;

/** A notebook as the server keeps it: the file plus who owns it and its write version. */
export const StoredNotebook = z.object({
  id: IdSchema,
  title: z.string(),
  /** Bumped by every write; send it back as `baseVersion` with the next PUT. */
  version: z.number().int().min(1),
  classId: z.string().nullable(),
  /** Set on a student's copy of an assignment. */
  studentId: z.string().nullable(),
  assignmentId: z.string().nullable(),
  /** Server time of the first and the last write (ms since the epoch). */
  createdAt: EpochMs,
  updatedAt: EpochMs,
  file: NotebookFileV1,
});
export type StoredNotebook = z.infer<typeof StoredNotebook>;

/** What lists carry: everything but the file. */
export const StoredNotebookSummary = StoredNotebook.omit({ file: true });
export type StoredNotebookSummary = z.infer<typeof StoredNotebookSummary>;

export const NotebookListResponse = z.object({ notebooks: z.array(StoredNotebookSummary) });
export const NotebookResponse = z.object({ notebook: StoredNotebook });

/**
 * PUT /api/v1/notebooks/:id. `baseVersion` is the version this edit started from (absent or 0
 * to create): when the server holds another version, the write is refused with 409 instead of
 * silently overwriting what another tab saved.
 */
export const PutNotebookRequest = z.object({
  notebook: NotebookFileV1,
  baseVersion: z.number().int().min(0).optional(),
});
export type PutNotebookRequest = z.infer<typeof PutNotebookRequest>;
