import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { clientAddress, isLoopbackAddress, isLoopbackHost, parseTrustedProxies, type TrustedProxies } from './client-address';

/**
 * Workspace auth (issue 3). One write token per server: from BENCHTOP_TOKEN, else generated on
 * first start into `<dataDir>/workspace-token` (mode 0600) and printed once. Every /api/v1 route
 * except health and share links needs it, with one exception, "trusted local use":
 *
 *   no BENCHTOP_TOKEN set  AND  BENCHTOP_REQUIRE_TOKEN not set
 *   AND the client address is loopback (127.0.0.0/8, ::1). It comes from the socket's peer only
 *       (lib/server/client-address.ts): the standalone server passes it, and under Next.js the
 *       app server (bin/serve.mjs) stamps it; with neither, nobody is local. X-Forwarded-For
 *       counts only when the peer is in BENCHTOP_TRUSTED_PROXIES.
 *   AND the Host header names loopback (localhost, 127.x, [::1]) — this defeats DNS rebinding
 *   AND an Origin header, if any, is loopback too — a web page elsewhere cannot drive the API
 *       through the user's browser
 *   AND no Authorization header is sent (a wrong token is an error, not a fallback).
 */

/**
 * `student`: a class member's credential (lib/server/classroom), which beats trusted local use.
 * `predict`: a model's predict token (lib/server/predict-tokens), on the routes that take one.
 */
export type Access = 'token' | 'local' | 'student' | 'predict' | 'none';

export interface AuthConfig {
  token: string;
  /** Trusted local use is possible at all (see above). */
  allowLocal: boolean;
  /** Reverse proxies whose X-Forwarded-For is believed (BENCHTOP_TRUSTED_PROXIES). */
  trustedProxies: TrustedProxies;
}

/** What the transport knows about the peer: the socket's remote address, when it knows one. */
export interface PeerInfo {
  remoteAddress?: string;
  /** The socket is TLS (bin/serve.mjs --https stamps it; a client cannot claim it). */
  secure?: boolean;
}

export interface LoadTokenOptions {
  envToken?: string;
  requireToken: boolean;
  /** BENCHTOP_TRUSTED_PROXIES as given. */
  trustedProxies?: string;
  dataDir: string;
  log?: (line: string) => void;
}

export function loadAuthConfig({ envToken, requireToken, trustedProxies, dataDir, log = console.log }: LoadTokenOptions): AuthConfig {
  const proxies = parseTrustedProxies(trustedProxies);
  if (envToken) return { token: envToken, allowLocal: false, trustedProxies: proxies };
  const file = path.join(dataDir, 'workspace-token');
  let token: string | undefined;
  try {
    token = fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!token) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
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
  return { token, allowLocal: !requireToken, trustedProxies: proxies };
}

export function accessOf(req: Request, peer: PeerInfo, auth: AuthConfig): Access | 'bad-token' {
  const header = req.headers.get('authorization');
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match && sameSecret(match[1], auth.token) ? 'token' : 'bad-token';
  }
  if (!auth.allowLocal) return 'none';
  const remote = clientAddress({ socketPeer: peer.remoteAddress, forwardedFor: req.headers.get('x-forwarded-for'), trustedProxies: auth.trustedProxies });
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

function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}
