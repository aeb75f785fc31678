import { HttpError, notFound } from '../http/errors';
import type { RouteContext } from '../http/router';
import type { StudentPrincipal } from './principal';

/**
 * What a handler of an `auth: 'class'` route checks: the router has admitted the workspace
 * (teacher) or a student of a running class; these decide what that student may touch. Every
 * refusal is a 403 with a sentence, so a student's UI can show it as it is.
 */

export const isTeacher = (ctx: RouteContext): boolean => ctx.student === undefined;

/** The student, or a 403 saying that `what` is for the teacher. */
export function requireTeacher(ctx: RouteContext, what: string): void {
  if (ctx.student) throw new HttpError(403, 'forbidden', `students may not ${what}: it is for the teacher`);
}

/** The teacher, or a student of `classId`. */
export function requireClassMember(ctx: RouteContext, classId: string): void {
  if (ctx.student && ctx.student.classId !== classId) throw new HttpError(403, 'forbidden', `students may only see their own class, not class ${classId}`);
}

interface RunOwnership {
  class_id: string | null;
  student_id: string | null;
}

async function ownershipOf(ctx: RouteContext, runId: string): Promise<RunOwnership> {
  const row = await ctx.services.db.kysely.selectFrom('runs').select(['class_id', 'student_id']).where('id', '=', runId).executeTakeFirst();
  if (!row) throw notFound(`run ${runId}`);
  return row;
}

export const ownsRun = (student: StudentPrincipal, run: RunOwnership) => run.class_id === student.classId && run.student_id === student.id;

/** The teacher, or the student whose run it is (404 when there is no such run). */
export async function requireRunWriter(ctx: RouteContext, runId: string, verb = 'change'): Promise<void> {
  if (!ctx.student) return;
  if (!ownsRun(ctx.student, await ownershipOf(ctx, runId))) {
    throw new HttpError(403, 'forbidden', `students may only ${verb} their own runs; run ${runId} is someone else's`);
  }
}

/** The teacher, or a student of the run's class (classmates' runs are on the leaderboard anyway). */
export async function requireRunReader(ctx: RouteContext, runId: string): Promise<void> {
  if (!ctx.student) return;
  if ((await ownershipOf(ctx, runId)).class_id !== ctx.student.classId) {
    throw new HttpError(403, 'forbidden', `students may only read runs of their own class; run ${runId} is not one`);
  }
}

/** The teacher, or a student of the class the sweep was started in. */
export async function requireSweepMember(ctx: RouteContext, sweepId: string): Promise<void> {
  if (!ctx.student) return;
  const row = await ctx.services.db.kysely.selectFrom('sweeps').select('class_id').where('id', '=', sweepId).executeTakeFirst();
  if (!row) throw notFound(`sweep ${sweepId}`);
  if (row.class_id !== ctx.student.classId) throw new HttpError(403, 'forbidden', `students may only join sweeps started in their class; sweep ${sweepId} is not one`);
}
