import { z } from 'zod';
import { IdSchema } from '@/lib/track/schemas';
import { NotebookFileV1 } from '@/lib/notebook/format';

/**
 * Wire types of the classroom (issue 12), shared by the server routes, the pages and the tests.
 * The contract is /work/wt/CLASSROOM-CONTRACT.md; add fields, never rename them.
 */

/** Class codes avoid look-alikes (no 0/O, 1/I/L) so a code read off a projector is typed right. */
export const CLASS_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CLASS_CODE_LENGTH = 6;
export const STUDENT_NAME_MAX = 40;
export const CLASS_NAME_MAX = 120;

/** Input is trimmed and upper-cased first, so `abc23x ` from a phone keyboard is accepted. */
export const ClassCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[${CLASS_CODE_ALPHABET}]{${CLASS_CODE_LENGTH}}$`),
    `a class code is ${CLASS_CODE_LENGTH} characters from ${CLASS_CODE_ALPHABET}`,
  );

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A display name: trimmed, 1–40 characters (code points), no control characters. */
export const StudentName = z
  .string()
  .trim()
  .refine((s) => s.length > 0, 'a name must not be empty')
  .refine((s) => [...s].length <= STUDENT_NAME_MAX, `a name is at most ${STUDENT_NAME_MAX} characters`)
  .refine((s) => !CONTROL.test(s), 'a name must not contain control characters (tabs, line breaks, …)');

export const ClassName = z
  .string()
  .trim()
  .refine((s) => s.length > 0, 'a class name must not be empty')
  .refine((s) => [...s].length <= CLASS_NAME_MAX, `a class name is at most ${CLASS_NAME_MAX} characters`)
  .refine((s) => !CONTROL.test(s), 'a class name must not contain control characters');

export const CreateClassRequest = z.object({ name: ClassName });
export type CreateClassRequest = z.infer<typeof CreateClassRequest>;

export const ClassRecord = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  joinUrl: z.string(),
  studentCount: z.number().int().min(0),
});
export type ClassRecord = z.infer<typeof ClassRecord>;

export const ClassListResponse = z.object({ classes: z.array(ClassRecord) });
export type ClassListResponse = z.infer<typeof ClassListResponse>;

/** What `GET /api/v1/classes/me` answers a student. */
export const ClassStudentView = z.object({
  classId: IdSchema,
  className: z.string(),
  studentId: IdSchema,
  studentName: z.string(),
});
export type ClassStudentView = z.infer<typeof ClassStudentView>;

export const JoinRequest = z.object({ code: ClassCode, name: StudentName });
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinResponse = z.object({
  studentId: IdSchema,
  classId: IdSchema,
  className: z.string(),
  /** The name as stored: trimmed, with a suffix (`Ada (2)`) when the asked-for one was taken. */
  name: z.string(),
  /** `bts_…`: send as `Authorization: Bearer <token>` (scripts); browsers get the cookie too. */
  token: z.string(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

export const StudentState = z.enum(['idle', 'running', 'finished', 'crashed']);
export type StudentState = z.infer<typeof StudentState>;

export const RosterRow = z.object({
  studentId: IdSchema,
  name: z.string(),
  joinedAt: z.number(),
  lastSeenAt: z.number().nullable(),
  /** Seen within the last 30 s. */
  online: z.boolean(),
  /** From the student's latest run (idle: none yet). */
  state: StudentState,
  runs: z.number().int().min(0),
  latestRunId: z.string().nullable(),
});
export type RosterRow = z.infer<typeof RosterRow>;

export const RosterResponse = z.object({ rows: z.array(RosterRow) });
export type RosterResponse = z.infer<typeof RosterResponse>;

// ── assignments + leaderboard (built by engineer `leaderboard`) ─────────────────────────────

export const MetricGoal = z.enum(['min', 'max']);
export type MetricGoal = z.infer<typeof MetricGoal>;

export const Assignment = z.object({
  id: IdSchema,
  classId: IdSchema,
  notebookId: IdSchema,
  title: z.string(),
  metric: z.string(),
  goal: MetricGoal,
  createdAt: z.number(),
});
export type Assignment = z.infer<typeof Assignment>;

export const LeaderboardRow = z.object({
  rank: z.number().int().min(1),
  studentId: IdSchema,
  studentName: z.string(),
  runId: IdSchema,
  runName: z.string(),
  value: z.number(),
  step: z.number(),
  backend: z.string().nullable(),
  adapter: z.string().nullable(),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;

export const Leaderboard = z.object({
  assignmentId: z.string().nullable(),
  metric: z.string(),
  goal: MetricGoal,
  rows: z.array(LeaderboardRow),
  updatedAt: z.number(),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

/** The student credential's cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). */
export const STUDENT_COOKIE = 'benchtop_student';
/** Prefix of a student bearer token, so the server knows it is not the workspace token. */
export const STUDENT_TOKEN_PREFIX = 'bts_';

// ── assignments + leaderboard: requests and lists (engineer `leaderboard`) ────────────────

/** A metric key, as runs log them (lib/track/schemas.ts MetricPoint.key). */
export const MetricKey = z.string().min(1).max(250);

/** POST /api/v1/classes/:id/assignments: the notebook file is stored as a snapshot (later edits of the teacher's own notebook do not change it). */
export const PublishAssignmentRequest = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  notebook: NotebookFileV1,
  metric: MetricKey,
  goal: MetricGoal,
});
export type PublishAssignmentRequest = z.infer<typeof PublishAssignmentRequest>;

export const AssignmentListResponse = z.object({ assignments: z.array(Assignment) });

/** POST …/assignments/:aid/copy answers the student's own copy: `{notebook: ServerNotebook}` (./server-notebook.ts). */
export const AssignmentCopy = z.object({ studentId: z.string(), studentName: z.string(), notebookId: z.string(), updatedAt: z.number() });
export type AssignmentCopy = z.infer<typeof AssignmentCopy>;
export const AssignmentCopiesResponse = z.object({ copies: z.array(AssignmentCopy) });

/**
 * GET /api/v1/classes/:id/leaderboard (and …/leaderboard/stream). `metric` and `goal` default to
 * the assignment's; without an assignment, `metric` is required and `goal` defaults to `min`.
 */
export const LeaderboardQuery = z.object({
  assignment: z.string().min(1).max(64).optional(),
  metric: MetricKey.optional(),
  goal: MetricGoal.optional(),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;
