import type { PeerInfo } from '../auth';
import { normalizeAddress } from '../client-address';
import { HttpError } from '../http/errors';
import type { Services } from '../services';
import { crossSiteProblem, studentCredentialOf, type OwnHosts } from './credentials';
import type { StudentPrincipal } from './principal';

export type RouteAuth = 'workspace' | 'class' | 'public';

/** The sentence a class's students get once the teacher ended it (the contract's wording). */
export const CLASS_ENDED = 'this class has ended';

/**
 * The student a request acts for, or undefined when it carries no usable student credential (the
 * router then applies workspace auth). A student credential beats trusted local use: a student on
 * the teacher's laptop is still a student. Throws the refusals:
 *   401  a `bts_` bearer token that is no student's (a stale cookie is ignored instead, so a
 *        browser that once joined a class does not lose the workspace's trusted local use)
 *   403  the class has ended; a cookie-authenticated write from another origin (CSRF);
 *        a workspace-only route
 * On public routes nothing is refused: an ended class's student is simply nobody there.
 */
/** What the CSRF check accepts as this server, besides the Host header. */
export function ownHosts(req: Request, peer: PeerInfo, services: Services): OwnHosts {
  const viaProxy = peer.remoteAddress !== undefined && services.auth.trustedProxies.has(normalizeAddress(peer.remoteAddress));
  return { publicUrl: services.env.BENCHTOP_PUBLIC_URL, forwardedHost: viaProxy ? req.headers.get('x-forwarded-host') : null };
}

export async function studentOf(req: Request, peer: PeerInfo, services: Services, routeAuth: RouteAuth, pathPattern: string): Promise<StudentPrincipal | undefined> {
  const credential = studentCredentialOf(req);
  if (!credential) return undefined;
  const found = await services.classroom.repo.studentByToken(credential.token);
  if (!found) {
    if (credential.via === 'bearer' && routeAuth !== 'public') {
      throw new HttpError(401, 'unauthorized', 'this student token belongs to no student of any class: join the class again');
    }
    return undefined;
  }
  if (routeAuth === 'public') return found.classEndedAt === null ? found.student : undefined;
  if (found.classEndedAt !== null) throw new HttpError(403, 'forbidden', CLASS_ENDED);
  if (credential.via === 'cookie') {
    const problem = crossSiteProblem(req, ownHosts(req, peer, services));
    if (problem) throw new HttpError(403, 'forbidden', problem);
  }
  if (routeAuth === 'workspace') {
    throw new HttpError(403, 'forbidden', `students may not use ${req.method} ${pathPattern}: it is for the teacher (the workspace token)`);
  }
  await services.classroom.presence.seen(found.student.id);
  return found.student;
}
