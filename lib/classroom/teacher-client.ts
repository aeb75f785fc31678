import { request, type ServerConnection } from '../track/sync-api-client';
import { Assignment, AssignmentCopiesResponse, AssignmentListResponse, ClassListResponse, ClassRecord, Leaderboard, RosterResponse, type AssignmentCopy, type LeaderboardQuery, type PublishAssignmentRequest } from './api';
import { NotebookResponse } from './server-notebook';
import { ServerInfoSchema } from '../shared/server-info';

/**
 * The teacher's side of the classroom API (workspace token): classes, roster, end, assignments,
 * student copies, leaderboard, server-info. `fetch` only, no DOM; every answer is parsed with the
 * contract's zod schemas so a server that drifted fails here with a sentence, not deep in a view.
 */


/** One student's copy of an assignment (what the copies list answers). */
export type StudentCopy = AssignmentCopy;

const id = encodeURIComponent;
const classPath = (classId: string) => `/api/v1/classes/${id(classId)}`;

export function leaderboardQuery(q: LeaderboardQuery): string {
  const params = new URLSearchParams();
  if (q.assignment) params.set('assignment', q.assignment);
  if (q.metric) params.set('metric', q.metric);
  if (q.goal) params.set('goal', q.goal);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const teacherApi = {
  listClasses: async (conn: ServerConnection) => (await request(conn, ClassListResponse, 'GET', '/api/v1/classes')).classes,
  createClass: (conn: ServerConnection, name: string) => request(conn, ClassRecord, 'POST', '/api/v1/classes', true, { name }),
  getClass: (conn: ServerConnection, classId: string) => request(conn, ClassRecord, 'GET', classPath(classId)),
  endClass: (conn: ServerConnection, classId: string) => request(conn, ClassRecord, 'POST', `${classPath(classId)}/end`, true, {}),
  roster: async (conn: ServerConnection, classId: string) => (await request(conn, RosterResponse, 'GET', `${classPath(classId)}/roster`)).rows,
  serverInfo: (conn: ServerConnection) => request(conn, ServerInfoSchema, 'GET', '/api/v1/server-info'),

  assignments: async (conn: ServerConnection, classId: string) => (await request(conn, AssignmentListResponse, 'GET', `${classPath(classId)}/assignments`)).assignments,
  publish: (conn: ServerConnection, classId: string, body: PublishAssignmentRequest) => request(conn, Assignment, 'POST', `${classPath(classId)}/assignments`, true, body),
  copies: async (conn: ServerConnection, classId: string, assignmentId: string) =>
    (await request(conn, AssignmentCopiesResponse, 'GET', `${classPath(classId)}/assignments/${id(assignmentId)}/copies`)).copies,
  notebook: async (conn: ServerConnection, notebookId: string) => (await request(conn, NotebookResponse, 'GET', `/api/v1/notebooks/${id(notebookId)}`)).notebook,

  leaderboard: (conn: ServerConnection, classId: string, q: LeaderboardQuery) => request(conn, Leaderboard, 'GET', `${classPath(classId)}/leaderboard${leaderboardQuery(q)}`),
  /** The SSE stream's URL (read with `readLeaderboardStream`, which can send the token). */
  leaderboardStreamUrl: (conn: ServerConnection, classId: string, q: LeaderboardQuery) =>
    `${conn.baseUrl.replace(/\/+$/, '')}${classPath(classId)}/leaderboard/stream${leaderboardQuery(q)}`,
};
