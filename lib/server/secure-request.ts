import { normalizeAddress, type TrustedProxies } from './client-address';
import type { PeerInfo } from './auth';

/**
 * Whether the browser reached us over HTTPS, so cookies may (must) be `Secure`: the app server
 * terminated TLS itself (its unforgeable peer stamp says so), or a reverse proxy listed in
 * BENCHTOP_TRUSTED_PROXIES did and says so in X-Forwarded-Proto. The header is ignored from
 * anybody else, as X-Forwarded-For is. Of a list, the right-most value is the one our own peer
 * (the trusted proxy) wrote.
 */
export function cameOverHttps(req: Request, peer: PeerInfo, trustedProxies: TrustedProxies): boolean {
  if (peer.secure) return true;
  if (!peer.remoteAddress || !trustedProxies.has(normalizeAddress(peer.remoteAddress))) return false;
  const proto = req.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase();
  return proto === 'https';
}
