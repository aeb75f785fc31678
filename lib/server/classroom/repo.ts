import { sql } from 'kysely';
import { STUDENT_NAME_MAX } from '@/lib/classroom/api';
import type { Db } from '../db/connect';
import { isUniqueViolation } from '../http/errors';
import type { StudentPrincipal } from './principal';
import { newClassCode, newClassId, newStudentId, newStudentToken, tokenSha256 } from './secrets';

/** Classes and their students (issue 12). Tokens are stored only as sha256. */

export interface ClassRow {
  id: string;
  code: string;
  name: string;
  createdAt: number;
  endedAt: number | null;
  studentCount: number;
}

export interface JoinedStudent {
  id: string;
  classId: string;
  name: string;
  /** The one time the token exists in clear: handed to the student, never stored. */
  token: string;
}

export interface StudentCredential {
  student: StudentPrincipal;
  className: string;
  classEndedAt: number | null;
}

export interface RosterStudent {
  id: string;
  name: string;
  createdAt: number;
  lastSeenAt: number | null;
  runs: number;
  latestRunId: string | null;
  latestStatus: string | null;
}

export interface ClassroomRepo {
  createClass(name: string): Promise<ClassRow>;
  listClasses(): Promise<ClassRow[]>;
  getClass(id: string): Promise<ClassRow | undefined>;
  classByCode(code: string): Promise<ClassRow | undefined>;
  /** Sets ended_at once (a second call keeps the first time); undefined when no such class. */
  endClass(id: string): Promise<ClassRow | undefined>;
  /** Adds a student under `name`, or `name (2)`, `(3)`… when taken. */
  join(classId: string, name: string): Promise<JoinedStudent>;
  studentByToken(token: string): Promise<StudentCredential | undefined>;
  touch(studentId: string, at: number): Promise<void>;
  roster(classId: string): Promise<RosterStudent[]>;
  /** Bytes of every artifact on the student's runs. */
  artifactBytes(student: StudentPrincipal): Promise<number>;
}

/** Tries before giving up on a fresh code or name (each collision is a unique violation). */
const MAX_TRIES = 20;

/** `Ada` → `Ada (n)`, shortening the base so the whole stays within the name limit. */
export function suffixedName(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = ` (${n})`;
  const room = STUDENT_NAME_MAX - suffix.length;
  const chars = [...base];
  return (chars.length > room ? chars.slice(0, room).join('').trimEnd() : base) + suffix;
}

export function classroomRepo(db: Db): ClassroomRepo {
  const { kysely } = db;
  const classColumns = (qb: typeof kysely) =>
    qb
      .selectFrom('classes')
      .select(['classes.id', 'classes.code', 'classes.name', 'classes.created_at', 'classes.ended_at'])
      .select((eb) => eb.selectFrom('students').select(eb.fn.countAll<number | string>().as('n')).whereRef('students.class_id', '=', 'classes.id').as('student_count'));
  type Row = { id: string; code: string; name: string; created_at: number | string; ended_at: number | string | null; student_count: number | string | null };
  const toClass = (r: Row): ClassRow => ({
    id: r.id,
    code: r.code,
    name: r.name,
    createdAt: Number(r.created_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    studentCount: Number(r.student_count ?? 0),
  });
  const getClass = async (id: string) => {
    const row = await classColumns(kysely).where('classes.id', '=', id).executeTakeFirst();
    return row && toClass(row);
  };

  return {
    async createClass(name) {
      const now = Date.now();
      for (let i = 0; ; i++) {
        const row = { id: newClassId(), code: newClassCode(), name, created_at: now, ended_at: null };
        try {
          await kysely.insertInto('classes').values(row).execute();
          return { id: row.id, code: row.code, name, createdAt: now, endedAt: null, studentCount: 0 };
        } catch (err) {
          if (!isUniqueViolation(err) || i >= MAX_TRIES) throw err;
        }
      }
    },

    async listClasses() {
      const rows = await classColumns(kysely).orderBy('classes.created_at', 'desc').orderBy('classes.id', 'desc').execute();
      return rows.map(toClass);
    },

    getClass,

    async classByCode(code) {
      const row = await classColumns(kysely).where('classes.code', '=', code).executeTakeFirst();
      return row && toClass(row);
    },

    async endClass(id) {
      await kysely.updateTable('classes').set({ ended_at: Date.now() }).where('id', '=', id).where('ended_at', 'is', null).execute();
      return getClass(id);
    },

    async join(classId, name) {
      const taken = await kysely.selectFrom('students').select('name').where('class_id', '=', classId).execute();
      const names = new Set(taken.map((t) => t.name));
      let n = 1;
      for (let tries = 0; ; tries++) {
        while (names.has(suffixedName(name, n))) n++;
        const chosen = suffixedName(name, n);
        const token = newStudentToken();
        const now = Date.now();
        const row = { id: newStudentId(), class_id: classId, name: chosen, token_sha256: tokenSha256(token), created_at: now, last_seen_at: now };
        try {
          await kysely.insertInto('students').values(row).execute();
          return { id: row.id, classId, name: chosen, token };
        } catch (err) {
          // Another join took the same name between our read and insert: try the next suffix.
          if (!isUniqueViolation(err) || tries >= MAX_TRIES) throw err;
          names.add(chosen);
        }
      }
    },

    async studentByToken(token) {
      const row = await kysely
        .selectFrom('students')
        .innerJoin('classes', 'classes.id', 'students.class_id')
        .select(['students.id', 'students.class_id', 'students.name', 'classes.name as class_name', 'classes.ended_at'])
        .where('students.token_sha256', '=', tokenSha256(token))
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        student: { id: row.id, classId: row.class_id, name: row.name },
        className: row.class_name,
        classEndedAt: row.ended_at === null ? null : Number(row.ended_at),
      };
    },

    async touch(studentId, at) {
      await kysely.updateTable('students').set({ last_seen_at: at }).where('id', '=', studentId).execute();
    },

    async roster(classId) {
      const rows = await kysely
        .selectFrom('students as s')
        .select(['s.id', 's.name', 's.created_at', 's.last_seen_at'])
        .select((eb) => [
          eb.selectFrom('runs').select(eb.fn.countAll<number | string>().as('n')).where('runs.class_id', '=', classId).whereRef('runs.student_id', '=', 's.id').as('runs'),
          eb.selectFrom('runs').select('runs.id').where('runs.class_id', '=', classId).whereRef('runs.student_id', '=', 's.id').orderBy('runs.created_at', 'desc').orderBy('runs.id', 'desc').limit(1).as('latest_run_id'),
        ])
        .where('s.class_id', '=', classId)
        .orderBy('s.created_at')
        .orderBy('s.id')
        .execute();
      const latestIds = rows.map((r) => r.latest_run_id).filter((id): id is string => id !== null);
      const statuses = new Map<string, string>();
      if (latestIds.length > 0) {
        for (const r of await kysely.selectFrom('runs').select(['id', 'status']).where('id', 'in', latestIds).execute()) statuses.set(r.id, r.status);
      }
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: Number(r.created_at),
        lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
        runs: Number(r.runs ?? 0),
        latestRunId: r.latest_run_id,
        latestStatus: r.latest_run_id === null ? null : (statuses.get(r.latest_run_id) ?? null),
      }));
    },

    async artifactBytes(student) {
      const row = await kysely
        .selectFrom('artifacts')
        .innerJoin('runs', 'runs.id', 'artifacts.run_id')
        .select(sql<number | string | null>`sum(artifacts.size_bytes)`.as('bytes'))
        .where('runs.class_id', '=', student.classId)
        .where('runs.student_id', '=', student.id)
        .executeTakeFirst();
      return Number(row?.bytes ?? 0);
    },
  };
}
