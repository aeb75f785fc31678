import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pathToFileURL } from 'node:url';
import { readServerEnv, type ServerEnv } from './env';
import { createTrackingServer, type TrackingServer } from './app';
import { lingerOnUnreadBody, requestBodyStream } from './node-body';
import { bufferedBodyOf } from './http/errors';

/**
 * The /api/v1 routes on plain node:http, without Next.js: for tests (spawned as a child process
 * and SIGKILLed in the fault test), benchmarks, and a tracking-only deployment.
 *
 *   HOST=127.0.0.1 PORT=3001 npx tsx lib/server/standalone.ts
 */
export interface StandaloneServer {
  url: string;
  port: number;
  tracking: TrackingServer;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: ServerEnv;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  log?: (line: string) => void;
}

export async function startStandaloneServer(options: StartOptions = {}): Promise<StandaloneServer> {
  const env = options.env ?? readServerEnv();
  const log = options.log ?? console.log;
  const tracking = await createTrackingServer({ env, log });
  const server = http.createServer((req, res) => {
    void serve(tracking, req, res).catch((err: unknown) => {
      log(`[benchtop] transport error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"internal","message":"internal server error"}}');
    });
  });
  // Keep-alive longer than undici's default 4 s idle so pooled client sockets are not cut mid-request.
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? env.HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? env.PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    tracking,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await tracking.close();
    },
  };
}

async function serve(tracking: TrackingServer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let request: Request;
  try {
    request = toWebRequest(req);
  } catch {
    res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
    res.end('{"error":{"code":"bad_request","message":"malformed request line or Host header"}}');
    return;
  }
  await writeWebResponse(req, res, await tracking.handle(request, { remoteAddress: req.socket.remoteAddress }));
}

/** Sends a web Response on node:http (buffered: API answers are small or already bounded). */
export async function writeWebResponse(req: http.IncomingMessage, res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  // A body the handler did not read (413, 401, …) is drained only briefly (a possibly huge upload).
  res.once('finish', () => lingerOnUnreadBody(req));
  const buffered = bufferedBodyOf(response);
  if (buffered !== undefined) {
    // One write for headers and body (see `json`).
    headers['content-length'] = String(Buffer.byteLength(buffered));
    res.writeHead(response.status, headers);
    res.end(buffered);
    return;
  }
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Streamed: an artifact download goes from disk to the socket without sitting in memory.
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch (err) {
    // The client went away mid-download: nothing to answer, nobody to tell.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  }
}

export function toWebRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else headers.set(key, value);
  }
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? requestBodyStream(req) : undefined,
    // Node's fetch needs this for streamed request bodies.
    duplex: 'half',
  } as RequestInit);
}

async function main(): Promise<void> {
  const server = await startStandaloneServer();
  console.log(`[benchtop] tracking server (${server.tracking.services.db.dialect}) listening on ${server.url}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`[benchtop] could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
