import { HttpError, notFound } from '../http/errors';
import type { RouteContext } from '../http/router';

/**
 * Provisional stand-ins for lib/server/classroom/scope.ts (engineer `classes` lands it): the same
 * names and meaning as the contract. Replaced by imports of scope.ts once it is on main.
 */

export function requireTeacher(ctx: RouteContext, what: string): void {
  if (ctx.student) throw new HttpError(403, 'forbidden', `students may not ${what}`);
}

/** The workspace may act on any existing class; a student only on their own. */
export async function requireClassMember(ctx: RouteContext, classId: string): Promise<void> {
  if (ctx.student) {
    if (ctx.student.classId !== classId) throw new HttpError(403, 'forbidden', `you are not a student of class ${classId}`);
    return;
  }
  const found = await ctx.services.db.kysely.selectFrom('classes').select('id').where('id', '=', classId).executeTakeFirst();
  if (!found) throw notFound(`class ${classId}`);
}
