import net from 'node:net';

/**
 * Who is on the other end of a request, decided from what a client cannot forge: the TCP
 * socket's peer address. `X-Forwarded-For` is the client's own text unless the socket peer is a
 * reverse proxy the operator named in BENCHTOP_TRUSTED_PROXIES; only then are its hops read,
 * right to left, and the first hop that is not itself a trusted proxy is the client.
 */

/** A parsed BENCHTOP_TRUSTED_PROXIES: addresses and CIDR ranges, IPv4 and IPv6. */
export interface TrustedProxies {
  has(address: string): boolean;
  /** The entries as given, for logs. */
  entries: string[];
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) → `127.0.0.1`; anything else unchanged. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1] : address;
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const v = net.isIP(address);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : undefined;
}

export function isLoopbackAddress(address: string): boolean {
  const a = normalizeAddress(address);
  const family = familyOf(a);
  return family !== undefined && LOOPBACK.check(a, family);
}

/**
 * A comma list of IPs and CIDRs (`10.0.0.1, 10.1.0.0/16, fd00::/8`). Throws naming the first
 * entry that is neither, so a typo fails at start instead of silently trusting nobody.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const list = new net.BlockList();
  const entries = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [ip, prefixText, extra] = entry.split('/');
    const family = familyOf(ip);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const maxPrefix = family === 'ipv4' ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefixText) && prefix <= maxPrefix);
    if (!family || extra !== undefined || !prefixOk) {
      throw new Error(`BENCHTOP_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)`);
    }
    const normalized = normalizeAddress(ip);
    const normalizedFamily = familyOf(normalized)!;
    if (prefix === undefined) list.addAddress(normalized, normalizedFamily);
    else list.addSubnet(normalized, normalizedFamily === family ? prefix : Math.max(0, prefix - 96), normalizedFamily);
  }
  return {
    entries,
    has(address) {
      const a = normalizeAddress(address);
      const family = familyOf(a);
      return family !== undefined && list.check(a, family);
    },
  };
}

export interface ClientAddressInput {
  /** The socket's remote address; undefined when the transport cannot tell (plain `next start`). */
  socketPeer: string | undefined;
  /** The `X-Forwarded-For` header (all of them, comma-joined), if any. */
  forwardedFor: string | null;
  trustedProxies: TrustedProxies;
}

/** The client's address, or undefined when it cannot be known (then nobody is "local"). */
export function clientAddress({ socketPeer, forwardedFor, trustedProxies }: ClientAddressInput): string | undefined {
  if (!socketPeer) return undefined;
  const peer = normalizeAddress(socketPeer);
  if (!trustedProxies.has(peer)) return peer;
  const hops = (forwardedFor ?? '').split(',').map((s) => normalizeAddress(s.trim())).filter(Boolean);
  // A trusted proxy that names no client, or a hop that is not a bare IP: the client is unknown.
  if (hops.length === 0 || hops.some((h) => familyOf(h) === undefined)) return undefined;
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i])) return hops[i];
  return hops[0]; // every hop is a trusted proxy: the request began at the first
}

/**
 * Whether a Host header (or URL host) names this machine's loopback: `localhost`, `127.x.y.z` or
 * `[::1]`, each with an optional port and nothing else. Parsed whole, so `[::1].evil.example`
 * and `localhost.evil.example` are not loopback.
 */
export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::\d{1,5})?$/.exec(host);
  if (!match) return false;
  const [, bracketed, name] = match;
  if (bracketed !== undefined) return net.isIPv6(bracketed) && isLoopbackAddress(bracketed);
  return name.toLowerCase() === 'localhost' || (net.isIPv4(name) && isLoopbackAddress(name));
}
