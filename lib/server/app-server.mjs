import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { stampPeer } from './peer-stamp.mjs';

/**
 * The app's server around a request handler (Next's `getRequestHandler()`): stamps each request
 * with its socket peer and protocol (see peer-stamp.mjs) before anything else reads it.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} handle
 * @returns {http.Server}
 */
export function createAppServer(handle) {
  const server = http.createServer(stampedListener(handle));
  // Longer than undici's 4 s idle default, so pooled client sockets are not cut mid-request.
  server.keepAliveTimeout = 65_000;
  return server;
}

/** How long a connection may stay silent before its first byte tells TLS from plain HTTP. */
const FIRST_BYTE_TIMEOUT_MS = 30_000;
/** The first byte of every TLS connection (a handshake record). */
const TLS_HANDSHAKE = 0x16;

/**
 * The same over TLS, on a port that also answers plain HTTP with a redirect to https://: a
 * student who types `192.168.1.5:3000` gets `http://` from the browser, and must land on the
 * class, not on a connection reset.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} handle
 * @param {{ cert: string, key: string }} tls
 */
export function createHttpsAppServer(handle, { cert, key }) {
  const stamped = stampedListener(handle);
  const secure = https.createServer({ cert, key }, (req, res) => {
    // Next builds route handlers' `request.url` from this header (and believes a client's own);
    // on our TLS socket the answer is known, so nobody can make it say http.
    req.headers['x-forwarded-proto'] = 'https';
    stamped(req, res);
  });
  secure.keepAliveTimeout = 65_000;
  const redirect = http.createServer((req, res) => {
    const host = req.headers.host;
    if (!host || /[\s/\\]/.test(host)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('This server speaks HTTPS only: open it with https://\n');
      return;
    }
    const location = `https://${host}${req.url ?? '/'}`;
    res.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`This server speaks HTTPS only: ${location}\n`);
  });
  const front = net.createServer((socket) => {
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once('error', () => socket.destroy());
    socket.once('readable', function route() {
      const first = socket.read(1);
      if (first === null) {
        if (!socket.destroyed) socket.once('readable', route);
        return;
      }
      socket.setTimeout(0);
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : redirect).emit('connection', socket);
    });
  });
  return Object.assign(front, {
    /** Ends every open connection (keep-alive ones included), as http.Server's method does. */
    closeAllConnections() {
      secure.closeAllConnections();
      redirect.closeAllConnections();
    },
  });
}

/** @param {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} handle */
function stampedListener(handle) {
  return (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
    stampPeer(req);
    void Promise.resolve(handle(req, res)).catch((err) => {
      console.error('[benchtop] request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal server error');
    });
  };
}
