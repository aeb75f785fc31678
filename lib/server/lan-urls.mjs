import os from 'node:os';

/**
 * The addresses other machines on the LAN can reach this server at, and the URLs built from them.
 * One module for the terminal printout (bin/serve.mjs), the certificate's names (tls-cert.mjs)
 * and GET /api/v1/server-info, so all three always agree. Plain JS: it runs under plain `node`.
 */

/**
 * Non-internal IPv4 addresses first (what a student types), then IPv6 ones that are not
 * link-local (fe80:: needs a zone id no browser URL can carry).
 * @param {ReturnType<typeof os.networkInterfaces>} [interfaces]
 * @returns {string[]}
 */
export function lanAddresses(interfaces = os.networkInterfaces()) {
  const all = Object.values(interfaces).flat().filter((i) => i !== undefined && !i.internal);
  const v4 = all.filter((i) => i.family === 'IPv4').map((i) => i.address);
  const v6 = all.filter((i) => i.family === 'IPv6' && !/^fe[89ab]/i.test(i.address)).map((i) => i.address);
  return [...new Set([...v4, ...v6])];
}

/** @param {string} address */
export function urlHost(address) {
  return address.includes(':') ? `[${address}]` : address;
}

/** A listen host that means "every interface" (unset, 0.0.0.0, ::). @param {string | undefined} host */
export function isWildcardHost(host) {
  return host === undefined || host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * The URLs students can open: one per LAN address when the server listens on every interface,
 * the listen host alone when that is a LAN address, none when it is bound to loopback.
 * @param {{ protocol: 'http' | 'https', port: number, host?: string, interfaces?: ReturnType<typeof os.networkInterfaces> }} options
 * @returns {string[]}
 */
export function lanUrls({ protocol, port, host, interfaces }) {
  const lan = lanAddresses(interfaces);
  const addresses = isWildcardHost(host) ? lan : lan.filter((a) => a === host?.replace(/^\[|\]$/g, ''));
  return addresses.map((a) => `${protocol}://${urlHost(a)}:${port}`);
}
