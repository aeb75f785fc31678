import { STUDENT_COOKIE, STUDENT_TOKEN_PREFIX } from '@/lib/classroom/api';

/**
 * Where a student credential travels: `Authorization: Bearer bts_…` (scripts, tests) or the
 * HttpOnly cookie set by join (browsers). An Authorization header decides alone when present, so
 * a teacher's workspace token is never overridden by a student cookie in the same browser.
 */

export interface StudentCredentialText {
  token: string;
  via: 'bearer' | 'cookie';
}

export function studentCredentialOf(req: Request): StudentCredentialText | undefined {
  const header = req.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match && match[1].startsWith(STUDENT_TOKEN_PREFIX) ? { token: match[1], via: 'bearer' } : undefined;
  }
  const token = cookieValue(req.headers.get('cookie'), STUDENT_COOKIE);
  return token?.startsWith(STUDENT_TOKEN_PREFIX) ? { token, via: 'cookie' } : undefined;
}

export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** Long enough for a course; ending the class revokes it server-side whatever the browser keeps. */
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

export function studentCookie(token: string, secure: boolean): string {
  return `${STUDENT_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure ? '; Secure' : ''}`;
}

export function clearedStudentCookie(secure: boolean): string {
  return `${STUDENT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Hosts (with port) this server answers as, besides the request's own Host header. */
export interface OwnHosts {
  /** BENCHTOP_PUBLIC_URL, when the operator set it (e.g. behind a proxy that rewrites Host). */
  publicUrl?: string;
  /** X-Forwarded-Host, read only when the socket peer is a trusted proxy. */
  forwardedHost?: string | null;
}

/**
 * CSRF: a browser attaches the cookie to any request to this host, even one a page on another
 * port of the same site starts (SameSite does not separate ports). A write it authenticates must
 * carry an Origin naming this very server. Returns why it is refused, or null when it is fine.
 */
export function crossSiteProblem(req: Request, own: OwnHosts = {}): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const origin = req.headers.get('origin');
  if (origin === null || origin === 'null') return 'a write authenticated by the class cookie must carry an Origin header naming this server';
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return `Origin "${origin}" is not a URL`;
  }
  const self = req.headers.get('host') ?? new URL(req.url).host;
  const hosts = [self, own.forwardedHost?.split(',')[0]?.trim(), own.publicUrl && new URL(own.publicUrl).host];
  if (hosts.some((h) => h && h.toLowerCase() === host)) return null;
  return `Origin ${origin} is not this server (${self}): cross-site writes with the class cookie are refused`;
}
