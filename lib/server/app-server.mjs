import http from 'node:http';
import { stampPeer } from './peer-stamp.mjs';

/**
 * The app's node:http server around a request handler (Next's `getRequestHandler()`): stamps
 * each request with its socket peer (see peer-stamp.mjs) before anything else reads it.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} handle
 * @returns {http.Server}
 */
export function createAppServer(handle) {
  const server = http.createServer((req, res) => {
    stampPeer(req);
    void Promise.resolve(handle(req, res)).catch((err) => {
      console.error('[benchtop] request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal server error');
    });
  });
  // Longer than undici's 4 s idle default, so pooled client sockets are not cut mid-request.
  server.keepAliveTimeout = 65_000;
  return server;
}
