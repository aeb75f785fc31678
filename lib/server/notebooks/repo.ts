import type { Kysely, Selectable } from 'kysely';
import type { NotebookFileV1 } from '@/lib/notebook/format';
import type { ServerNotebook, ServerNotebookSummary } from '@/lib/classroom/server-notebook';
import type { Db } from '../db/connect';
import { lockKeyForTransaction } from '../db/key-lock';
import type { Database } from '../db/schema';
import type { NotebooksTable } from './tables';

/** Who writes: the workspace (studentId null) or one student. */
export interface NotebookWriter {
  studentId: string | null;
}

/** The write was based on a version the server no longer holds (another tab saved meanwhile). */
export class NotebookVersionConflict extends Error {
  constructor(
    readonly notebookId: string,
    readonly current: number | null,
    readonly base: number,
  ) {
    super(
      current === null
        ? `notebook ${notebookId} is not on the server (it was never saved here or was deleted); save it with version 0 to create it`
        : base === 0
          ? `notebook ${notebookId} already exists on the server (version ${current}); load it first, or save with version ${current} to replace it`
          : `notebook ${notebookId} was saved elsewhere (now version ${current}) since this copy (version ${base}) was loaded; reload it and apply your changes again`,
    );
  }
}

/** The writer may not write this notebook (a student's copy is theirs alone; students create none). */
export class NotebookWriteForbidden extends Error {}

export interface NewNotebookRow {
  id: string;
  file: NotebookFileV1;
  classId: string | null;
  studentId: string | null;
  assignmentId: string | null;
  /** Default: the file's own title. */
  title?: string;
  now: number;
}

export interface NotebooksRepo {
  get(id: string): Promise<ServerNotebook | undefined>;
  /** The writer's notebooks (the workspace: those of no student), newest first, without content. */
  list(owner: NotebookWriter, limit: number): Promise<ServerNotebookSummary[]>;
  /**
   * Creates (baseVersion 0; the workspace only) or replaces (baseVersion = the stored version) a
   * notebook. Throws NotebookVersionConflict or NotebookWriteForbidden.
   */
  put(file: NotebookFileV1, opts: { title: string; baseVersion: number; writer: NotebookWriter; now: number }): Promise<ServerNotebook>;
}

export function notebookFromRow(row: Selectable<NotebooksTable>): ServerNotebook {
  return { ...summaryFromRow(row), content: row.content };
}

function summaryFromRow(row: Omit<Selectable<NotebooksTable>, 'content'>): ServerNotebookSummary {
  return {
    id: row.id,
    title: row.title,
    version: row.version,
    classId: row.class_id,
    studentId: row.student_id,
    assignmentId: row.assignment_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts a new notebook row (version 1); used by put and by assignments (snapshots, copies). */
export async function insertNotebook(db: Kysely<Database>, row: NewNotebookRow): Promise<ServerNotebook> {
  const file = { ...row.file, id: row.id };
  const values = {
    id: row.id,
    title: row.title ?? file.title,
    content: JSON.stringify(file),
    class_id: row.classId,
    student_id: row.studentId,
    assignment_id: row.assignmentId,
    created_at: row.now,
    updated_at: row.now,
    version: 1,
  };
  await db.insertInto('notebooks').values(values).execute();
  return notebookFromRow(values);
}

export function notebooksRepo(db: Db): NotebooksRepo {
  const { kysely } = db;
  const SUMMARY = ['id', 'title', 'version', 'class_id', 'student_id', 'assignment_id', 'created_at', 'updated_at'] as const;
  return {
    async get(id) {
      const row = await kysely.selectFrom('notebooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && notebookFromRow(row);
    },

    async list(owner, limit) {
      const rows = await kysely
        .selectFrom('notebooks')
        .select(SUMMARY)
        .where('student_id', owner.studentId === null ? 'is' : '=', owner.studentId)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(summaryFromRow);
    },

    async put(file, { title, baseVersion, writer, now }) {
      return kysely.transaction().execute(async (trx) => {
        // Two tabs saving at once: the second must see the first's version, not the same old one.
        await lockKeyForTransaction(trx, db.dialect, `notebook:${file.id}`);
        const existing = await trx.selectFrom('notebooks').select(['student_id', 'version', 'class_id', 'assignment_id', 'created_at']).where('id', '=', file.id).executeTakeFirst();
        if (!existing) {
          if (writer.studentId !== null) throw new NotebookWriteForbidden('students may not create notebooks on the server; open an assignment to get your own copy');
          if (baseVersion !== 0) throw new NotebookVersionConflict(file.id, null, baseVersion);
          return insertNotebook(trx, { id: file.id, file, title, classId: null, studentId: null, assignmentId: null, now });
        }
        if (existing.student_id !== writer.studentId) {
          throw new NotebookWriteForbidden(
            writer.studentId === null ? `notebook ${file.id} is a student's copy: the teacher sees it read-only` : `notebook ${file.id} is not your copy`,
          );
        }
        if (existing.version !== baseVersion) throw new NotebookVersionConflict(file.id, existing.version, baseVersion);
        const version = existing.version + 1;
        const content = JSON.stringify(file);
        await trx.updateTable('notebooks').set({ title, content, updated_at: now, version }).where('id', '=', file.id).execute();
        return {
          id: file.id,
          title,
          version,
          classId: existing.class_id,
          studentId: existing.student_id,
          assignmentId: existing.assignment_id,
          createdAt: existing.created_at,
          updatedAt: now,
          content,
        };
      });
    },
  };
}
