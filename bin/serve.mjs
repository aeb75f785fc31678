#!/usr/bin/env node
// The app's server (`npm start`, `npm run app`; `--dev` for hot reload): Next.js through its
// custom-server API, so API route handlers learn each request's real socket peer
// (lib/server/peer-stamp.mjs). PORT (default 3000) and HOST (default: every interface) as
// `next start` takes them. `--https` or BENCHTOP_HTTPS=1 serves HTTPS (a class needs it: browsers
// give WebGPU only to secure contexts) with a self-signed certificate kept in the data dir, or
// the operator's own from BENCHTOP_TLS_CERT + BENCHTOP_TLS_KEY (which imply HTTPS).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listenApp } from '../lib/server/listen-app.mjs';
import { resolveCertificate, TlsConfigError } from '../lib/server/tls-cert.mjs';

const dev = process.argv.includes('--dev');
process.env.NODE_ENV ??= dev ? 'development' : 'production';

/** @param {string} message */
function fail(message) {
  console.error(`[benchtop] ${message}`);
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be an integer 0..65535, got "${process.env.PORT}"`);
const host = process.env.HOST || undefined;
const httpsFlag = (process.env.BENCHTOP_HTTPS ?? '').toLowerCase();
if (!['', '0', '1', 'true', 'false'].includes(httpsFlag)) fail(`BENCHTOP_HTTPS must be 1, true, 0 or false, got "${process.env.BENCHTOP_HTTPS}"`);
const { BENCHTOP_TLS_CERT: certFile, BENCHTOP_TLS_KEY: keyFile } = process.env;
const https = process.argv.includes('--https') || httpsFlag === '1' || httpsFlag === 'true' || Boolean(certFile || keyFile);

// Before Next starts: a bad certificate setting fails in a second with one sentence.
let certificate;
if (https) {
  // The same default as lib/server/env.ts (BENCHTOP_DATA_DIR, relative to the working directory).
  const dataDir = path.resolve(process.env.BENCHTOP_DATA_DIR || 'data');
  try {
    certificate = await resolveCertificate({ dataDir, certFile: certFile || undefined, keyFile: keyFile || undefined });
  } catch (err) {
    if (err instanceof TlsConfigError) fail(err.message);
    fail(`cannot prepare the TLS certificate in ${path.join(dataDir, 'tls')}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const { default: next } = await import('next');
const app = next({ dev, dir: root, hostname: host ?? 'localhost', port });
await app.prepare();
const { server } = await listenApp({ handle: app.getRequestHandler(), port, host, certificate }).catch((err) => fail(`cannot listen on ${host ?? '*'}:${port}: ${err.message}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  });
}
