import type { Selectable } from 'kysely';
import type { Assignment, AssignmentCopy, MetricGoal } from '@/lib/classroom/api';
import type { NotebookFileV1 } from '@/lib/notebook/format';
import { newRunId } from '@/lib/track/ids';
import type { ServerNotebook } from '@/lib/classroom/server-notebook';
import type { Db } from '../db/connect';
import { isUniqueViolation } from '../http/errors';
import { insertNotebook, notebookFromRow } from '../notebooks/repo';
import type { AssignmentsTable } from '../notebooks/tables';

export interface PublishInput {
  classId: string;
  title: string;
  file: NotebookFileV1;
  metric: string;
  goal: MetricGoal;
  now: number;
}

/** Assignments of a class: a snapshot notebook each, and one copy of it per student who opened it. */
export interface AssignmentsRepo {
  /** Stores the assignment and its snapshot notebook (a new id) in one transaction. */
  publish(input: PublishInput): Promise<Assignment>;
  /** Oldest first (the order the teacher published them). */
  list(classId: string): Promise<Assignment[]>;
  /** undefined when the class has no such assignment. */
  get(classId: string, assignmentId: string): Promise<Assignment | undefined>;
  /** The student's copy: created from the snapshot on the first call (new id), the same one afterwards. */
  copyFor(assignment: Assignment, studentId: string, now: number): Promise<ServerNotebook>;
  /** Every student's copy, by student name. */
  copies(assignmentId: string): Promise<AssignmentCopy[]>;
}

function toAssignment(row: Selectable<AssignmentsTable>): Assignment {
  return { id: row.id, classId: row.class_id, notebookId: row.notebook_id, title: row.title, metric: row.metric, goal: row.goal, createdAt: row.created_at };
}

export function assignmentsRepo(db: Db): AssignmentsRepo {
  const { kysely } = db;

  const existingCopy = async (assignmentId: string, studentId: string) => {
    const row = await kysely.selectFrom('notebooks').selectAll().where('assignment_id', '=', assignmentId).where('student_id', '=', studentId).executeTakeFirst();
    return row && notebookFromRow(row);
  };

  return {
    async publish({ classId, title, file, metric, goal, now }) {
      const row: AssignmentsTable = { id: newRunId(now), class_id: classId, notebook_id: newRunId(now), title, metric, goal, created_at: now };
      await kysely.transaction().execute(async (trx) => {
        await trx.insertInto('assignments').values(row).execute();
        await insertNotebook(trx, { id: row.notebook_id, file: { ...file, title }, classId, studentId: null, assignmentId: row.id, now });
      });
      return toAssignment(row);
    },

    async list(classId) {
      const rows = await kysely.selectFrom('assignments').selectAll().where('class_id', '=', classId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toAssignment);
    },

    async get(classId, assignmentId) {
      const row = await kysely.selectFrom('assignments').selectAll().where('id', '=', assignmentId).where('class_id', '=', classId).executeTakeFirst();
      return row && toAssignment(row);
    },

    async copyFor(assignment, studentId, now) {
      const found = await existingCopy(assignment.id, studentId);
      if (found) return found;
      const snapshot = await kysely.selectFrom('notebooks').select('content').where('id', '=', assignment.notebookId).executeTakeFirstOrThrow();
      const id = newRunId(now);
      const file = { ...(JSON.parse(snapshot.content) as NotebookFileV1), id, createdAt: now, updatedAt: now };
      try {
        return await insertNotebook(kysely, { id, file, classId: assignment.classId, studentId, assignmentId: assignment.id, now });
      } catch (error) {
        // Two tabs of one student asked at once: unique (assignment_id, student_id) kept one copy.
        if (!isUniqueViolation(error)) throw error;
        const winner = await existingCopy(assignment.id, studentId);
        if (!winner) throw error;
        return winner;
      }
    },

    async copies(assignmentId) {
      const rows = await kysely
        .selectFrom('notebooks')
        .innerJoin('students', 'students.id', 'notebooks.student_id')
        .select(['notebooks.student_id as studentId', 'students.name as studentName', 'notebooks.id as notebookId', 'notebooks.updated_at as updatedAt'])
        .where('notebooks.assignment_id', '=', assignmentId)
        .orderBy('students.name')
        .execute();
      return rows.map((r) => ({ ...r, studentId: r.studentId! }));
    },
  };
}
