import { notFound } from '../http/errors';
import type { RouteContext } from '../http/router';
import { requireClassMember } from '../classroom/scope';

/**
 * The class named in the path, for the teacher or one of its students (scope.ts); 404 when there
 * is no such class, so a publish or a leaderboard of a mistyped class id says so.
 */
export async function requireClass(ctx: RouteContext, classId: string): Promise<void> {
  requireClassMember(ctx, classId);
  if (ctx.student) return; // the router found the student's class running
  const found = await ctx.services.db.kysely.selectFrom('classes').select('id').where('id', '=', classId).executeTakeFirst();
  if (!found) throw notFound(`class ${classId}`);
}
