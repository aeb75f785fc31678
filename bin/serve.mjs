#!/usr/bin/env node
// The app's server (`npm start`, `npm run app`; `--dev` for hot reload): Next.js through its
// custom-server API, so API route handlers learn each request's real socket peer
// (lib/server/peer-stamp.mjs). PORT (default 3000) and HOST (default: every interface) as
// `next start` takes them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServer } from '../lib/server/app-server.mjs';

const dev = process.argv.includes('--dev');
process.env.NODE_ENV ??= dev ? 'development' : 'production';
const { default: next } = await import('next');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[benchtop] PORT must be an integer 0..65535, got "${process.env.PORT}"`);
  process.exit(1);
}
const host = process.env.HOST || undefined;

const app = next({ dev, dir: root, hostname: host ?? 'localhost', port });
await app.prepare();
const server = createAppServer(app.getRequestHandler());
server.listen(port, host, () => {
  console.log(`[benchtop] app ready on http://${host ?? 'localhost'}:${port}${host ? '' : ' (listening on every interface)'}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  });
}
