import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How the app's HTTP server (bin/serve.mjs) tells Next.js route handlers, which see no socket,
 * the TCP peer of each request. Plain JS so the server runs under plain `node`.
 *
 * The server overwrites this header on every request with `<secret> <address>` (plus ` tls` when
 * the socket is TLS, which route handlers cannot otherwise tell), where the secret is random per process and kept on globalThis (route handlers run in the same process). A client
 * cannot forge it: whatever it sends is replaced, and it never learns the secret. Under plain
 * `next start` no secret exists, so no request has a known peer and tokenless local use is off.
 */
export const PEER_HEADER = 'x-benchtop-peer';
const SECRET_KEY = Symbol.for('benchtop.peerStampSecret');

function secret() {
  const g = /** @type {Record<symbol, string | undefined>} */ (globalThis);
  g[SECRET_KEY] ??= randomBytes(32).toString('base64url');
  return g[SECRET_KEY];
}

/** @param {import('node:http').IncomingMessage} req */
export function stampPeer(req) {
  const tls = /** @type {{ encrypted?: boolean }} */ (req.socket).encrypted === true;
  req.headers[PEER_HEADER] = `${secret()} ${req.socket.remoteAddress ?? ''}${tls ? ' tls' : ''}`;
}

/**
 * The peer address stamped by this process's server, or undefined (no stamp, a forged one, or
 * no app server in this process).
 * @param {{ get(name: string): string | null }} headers
 */
export function readStampedPeer(headers) {
  return readStamp(headers)?.remoteAddress;
}

/**
 * Everything this process's server stamped: the peer address and whether the request came over
 * TLS. Undefined when there is no stamp, a forged one, or no app server in this process.
 * @param {{ get(name: string): string | null }} headers
 * @returns {{ remoteAddress?: string, secure: boolean } | undefined}
 */
export function readStamp(headers) {
  const expected = /** @type {Record<symbol, string | undefined>} */ (globalThis)[SECRET_KEY];
  const value = headers.get(PEER_HEADER);
  if (!expected || !value) return undefined;
  const [given, address, protocol] = value.split(' ');
  if (address === undefined) return undefined;
  const digest = (/** @type {string} */ s) => createHash('sha256').update(s).digest();
  if (!timingSafeEqual(digest(given), digest(expected))) return undefined;
  return { remoteAddress: address || undefined, secure: protocol === 'tls' };
}
