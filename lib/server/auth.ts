import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Workspace auth (issue 3). One write token per server: from BENCHTOP_TOKEN, else generated on
 * first start into `<dataDir>/workspace-token` and printed once. Every /api/v1 route except
 * health and share links needs it, with one exception, "trusted local use":
 *
 *   no BENCHTOP_TOKEN set  AND  BENCHTOP_REQUIRE_TOKEN not set
 *   AND the peer address is loopback (127.0.0.0/8, ::1)
 *   AND the Host header names loopback (localhost, 127.x, [::1]) — this defeats DNS rebinding
 *   AND an Origin header, if any, is loopback too — a web page elsewhere cannot drive the API
 *       through the user's browser
 *   AND no Authorization header is sent (a wrong token is an error, not a fallback).
 *
 * Under Next.js the peer address comes from `x-forwarded-for`, which Next fills from the socket
 * only when the client did not send one: expose a tokenless server beyond loopback only behind
 * a proxy that overwrites it, or set BENCHTOP_TOKEN.
 */

export type Access = 'token' | 'local' | 'none';

export interface AuthConfig {
  token: string;
  /** Trusted local use is possible at all (see above). */
  allowLocal: boolean;
}

/** What the transport knows about the peer (the standalone server knows the socket). */
export interface PeerInfo {
  remoteAddress?: string;
}

export interface LoadTokenOptions {
  envToken?: string;
  requireToken: boolean;
  dataDir: string;
  log?: (line: string) => void;
}

export function loadAuthConfig({ envToken, requireToken, dataDir, log = console.log }: LoadTokenOptions): AuthConfig {
  if (envToken) return { token: envToken, allowLocal: false };
  const file = path.join(dataDir, 'workspace-token');
  let token: string | undefined;
  try {
    token = fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!token) {
    fs.mkdirSync(dataDir, { recursive: true });
    const fresh = randomBytes(32).toString('base64url');
    try {
      // 'wx': two processes starting at once must not end up with different tokens.
      fs.writeFileSync(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
      token = fresh;
      log(`[benchtop] generated the workspace write token (kept in ${file}):\n[benchtop]   ${fresh}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      token = fs.readFileSync(file, 'utf8').trim();
    }
  }
  return { token, allowLocal: !requireToken };
}

export function accessOf(req: Request, peer: PeerInfo, auth: AuthConfig): Access | 'bad-token' {
  const header = req.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match && sameSecret(match[1], auth.token) ? 'token' : 'bad-token';
  }
  if (!auth.allowLocal) return 'none';
  const remote = peer.remoteAddress ?? forwardedFor(req);
  if (!remote || !isLoopbackAddress(remote)) return 'none';
  if (!isLoopbackHost(req.headers.get('host'))) return 'none';
  const origin = req.headers.get('origin');
  if (origin !== null && !isLoopbackOrigin(origin)) return 'none';
  return 'local';
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Only a single hop counts: a chain means a proxy stood between, so the client is not local. */
function forwardedFor(req: Request): string | undefined {
  const value = req.headers.get('x-forwarded-for');
  if (!value || value.includes(',')) return undefined;
  return value.trim();
}

export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}
