import { z } from 'zod';
import { ApiError, request, serverApi, type ServerConnection } from '../track/sync-api-client';
import type { RunListItem } from '../track/run-list';
import { Assignment, ClassStudentView, JoinResponse, type JoinRequest } from './api';
import { ServerNotebook, type ServerNotebookPut } from './server-notebook';

/**
 * The student's side of the classroom API (issue 12). A student is authenticated by the HttpOnly
 * `benchtop_student` cookie the join answer sets, so every call goes to this page's own origin and
 * sends no Authorization header (a workspace token kept in the sync settings would otherwise
 * override the cookie and act as the teacher).
 */
const SAME_ORIGIN: ServerConnection = { baseUrl: '' };
const AS_STUDENT = false;

const AssignmentList = z.object({ assignments: z.array(Assignment) });
const NotebookAnswer = z.object({ notebook: ServerNotebook });
const classPath = (classId: string) => `/api/v1/classes/${encodeURIComponent(classId)}`;

export const studentApi = {
  join: (body: JoinRequest) => request(SAME_ORIGIN, JoinResponse, 'POST', '/api/v1/classes/join', AS_STUDENT, body),

  /**
   * The class this browser is in, or null when it is in none (no cookie, a cookie the server no
   * longer knows, or the teacher's own browser). An ended class throws ApiError 403 "… ended".
   */
  async me(): Promise<ClassStudentView | null> {
    try {
      return await request(SAME_ORIGIN, ClassStudentView, 'GET', '/api/v1/classes/me', AS_STUDENT);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404 || (err.status === 403 && !isClassEnded(err)))) return null;
      throw err;
    }
  },

  leave: async (): Promise<void> => {
    await request(SAME_ORIGIN, z.unknown(), 'POST', '/api/v1/classes/leave', AS_STUDENT, {});
  },

  assignments: async (classId: string) => (await request(SAME_ORIGIN, AssignmentList, 'GET', `${classPath(classId)}/assignments`, AS_STUDENT)).assignments,

  /** The student's own copy of an assignment: made on the first call, the same one afterwards. */
  copy: async (classId: string, assignmentId: string) =>
    (await request(SAME_ORIGIN, NotebookAnswer, 'POST', `${classPath(classId)}/assignments/${encodeURIComponent(assignmentId)}/copy`, AS_STUDENT, {})).notebook,

  notebook: async (id: string) => (await request(SAME_ORIGIN, NotebookAnswer, 'GET', `/api/v1/notebooks/${encodeURIComponent(id)}`, AS_STUDENT)).notebook,

  /** Saves a copy; the server answers 409 when `version` is not its current one (edited elsewhere). */
  saveNotebook: async (id: string, body: ServerNotebookPut) =>
    (await request(SAME_ORIGIN, NotebookAnswer, 'PUT', `/api/v1/notebooks/${encodeURIComponent(id)}`, AS_STUDENT, body)).notebook,

  /** The student's own runs: the server lists a student only theirs (and stamps each with their name). */
  myRuns: (): Promise<RunListItem[]> => serverApi.listRuns(SAME_ORIGIN),
};

/** The server's sentence for a credential of a class the teacher ended. */
export function isClassEnded(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && /ended/i.test(err.message);
}

export { ApiError };
