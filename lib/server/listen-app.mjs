import QRCode from 'qrcode';
import { createAppServer, createHttpsAppServer } from './app-server.mjs';
import { lanUrls } from './lan-urls.mjs';
import { publishServing } from './serving.mjs';

/**
 * Starts the app server (HTTP, or HTTPS with `certificate`), publishes what it serves for
 * GET /api/v1/server-info, and prints where students reach it: the LAN URLs, the certificate's
 * fingerprint (what a student can compare with the one their browser's warning shows) and a QR
 * code of the first LAN URL. Shared by bin/serve.mjs and its tests (which pass a stub handler).
 * @param {{
 *   handle: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown,
 *   port: number,
 *   host?: string,
 *   certificate?: import('./tls-cert.mjs').ServedCertificate,
 *   log?: (line: string) => void,
 * }} options
 */
export async function listenApp({ handle, port, host, certificate, log = console.log }) {
  const server = certificate ? createHttpsAppServer(handle, certificate) : createAppServer(handle);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const protocol = certificate ? 'https' : 'http';
  publishServing({ protocol, port: bound, host, fingerprint256: certificate?.fingerprint256 ?? null });
  log(`[benchtop] app ready on ${protocol}://${host ?? 'localhost'}:${bound}${host ? '' : ' (listening on every interface)'}`);
  const urls = lanUrls({ protocol, port: bound, host });
  if (urls.length > 0) log(`[benchtop] on this network:\n${urls.map((u) => `[benchtop]   ${u}`).join('\n')}`);
  if (certificate) {
    const origin = certificate.source === 'operator' ? 'your certificate' : `self-signed certificate ${certificate.certFile}`;
    log(`[benchtop] TLS: ${origin}, SHA-256 fingerprint (compare with the browser's certificate details):\n[benchtop]   ${certificate.fingerprint256}`);
  }
  if (urls[0]) log(await QRCode.toString(urls[0], { type: 'terminal', small: true }));
  return { server, port: bound, protocol, lanUrls: urls };
}
