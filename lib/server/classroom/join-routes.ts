import { JoinRequest, type ClassStudentView, type JoinResponse } from '@/lib/classroom/api';
import { API_LIMITS } from '@/lib/track/api';
import { clientAddress } from '../client-address';
import { parseWith, readJsonValue } from '../http/body';
import { HttpError, json } from '../http/errors';
import type { Route, RouteContext } from '../http/router';
import { CLASS_ENDED, ownHosts } from './access';
import { clearedStudentCookie, crossSiteProblem, studentCookie, studentCredentialOf } from './credentials';

/**
 * A student's side of a class: join with the code and a name (public, rate-limited per client
 * address), ask who they are, leave. Listed before `/classes/:classId` so `me` is not an id.
 */

const notStudent = () => new HttpError(401, 'unauthorized', 'this browser has not joined a class: open the join link or type the class code');

async function whoAmI(ctx: RouteContext): Promise<ClassStudentView> {
  const { services, student } = ctx;
  if (!student) {
    // Public route: an ended class's student arrives here as nobody; tell them why.
    const credential = studentCredentialOf(ctx.req);
    const found = credential && (await services.classroom.repo.studentByToken(credential.token));
    if (found && found.classEndedAt !== null) throw new HttpError(403, 'forbidden', CLASS_ENDED);
    throw notStudent();
  }
  const found = await services.classroom.repo.getClass(student.classId);
  return { classId: student.classId, className: found?.name ?? '', studentId: student.id, studentName: student.name };
}

export const joinRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/classes/join',
    auth: 'public',
    async handle(ctx) {
      const { services, req, peer } = ctx;
      const address = clientAddress({ socketPeer: peer.remoteAddress, forwardedFor: req.headers.get('x-forwarded-for'), trustedProxies: services.auth.trustedProxies });
      // Counted before the code is looked at: every guess costs a try.
      services.classroom.limits.join(address ?? 'unknown');
      const body = parseWith(JoinRequest, await readJsonValue(req, API_LIMITS.smallJsonBytes, 'join request'), 'join request', 400);
      const found = await services.classroom.repo.classByCode(body.code);
      if (!found) throw new HttpError(404, 'not_found', `No class with code ${body.code}`, 'code');
      if (found.endedAt !== null) throw new HttpError(404, 'not_found', 'This class has ended', 'code');
      const joined = await services.classroom.repo.join(found.id, body.name);
      const answer: JoinResponse = { studentId: joined.id, classId: found.id, className: found.name, name: joined.name, token: joined.token };
      return json(201, answer, { 'set-cookie': studentCookie(joined.token, ctx.secure) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/classes/me',
    auth: 'public',
    handle: async (ctx) => json(200, await whoAmI(ctx)),
  },
  {
    method: 'POST',
    path: '/api/v1/classes/leave',
    auth: 'public',
    async handle(ctx) {
      const problem = crossSiteProblem(ctx.req, ownHosts(ctx.req, ctx.peer, ctx.services));
      if (problem) throw new HttpError(403, 'forbidden', problem);
      return json(200, { left: true }, { 'set-cookie': clearedStudentCookie(ctx.secure) });
    },
  },
];
