import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

/** The repository root: `.next` (the production build) lives here. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * One GET that accepts a self-signed certificate (the HTTPS app server's own): resolves with the
 * status, rejects when nothing answers. Node's fetch cannot be told to trust that certificate.
 */
export function probe(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { rejectUnauthorized: false, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await probe(url).catch(() => 0);
    if (status >= 200 && status < 300) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms`);
}

/** One production app process (the build in `.next`). */
export interface AppServer {
  /** `http://127.0.0.1:<port>`, or `https://<host>:<port>` when started with `https`. */
  url: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr): LAN URLs, fingerprint, token. */
  output(): string;
  /** SIGTERM to the process group (the server and anything it started). */
  stop(): void;
}

export interface StartAppServerOptions {
  /** 0: any free port (read back from the server's "app ready" line), so parallel servers never collide. */
  port: number;
  /** Added to this process's environment (BENCHTOP_DATA_DIR, DATABASE_URL, BENCHTOP_TOKEN…). */
  env: Record<string, string>;
  /**
   * Serve HTTPS (`bin/serve.mjs --https`) with the certificate it generates into
   * `env.BENCHTOP_DATA_DIR/tls` (or BENCHTOP_TLS_CERT/KEY in `env`). Browsers must then be opened
   * with `secureContext(browser)` (test/e2e/browser.ts), which accepts that certificate.
   */
  https?: boolean;
  /** Address to listen on (default 127.0.0.1); a LAN address tests a non-localhost origin. */
  host?: string;
  /** How long the first page may take to answer (default 60 s). */
  timeoutMs?: number;
  /** Echo the server's output to stderr only (a benchmark's stdout is its JSON). */
  quiet?: boolean;
}

/**
 * Starts the built app the way a user does and waits until it answers. Refuses a port another
 * server already answers on: the test would otherwise talk to that server instead of this build.
 */
export async function startAppServer({ port, env, https: secure = false, host = '127.0.0.1', timeoutMs = 60_000, quiet = false }: StartAppServerOptions): Promise<AppServer> {
  const protocol = secure ? 'https' : 'http';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  if (port !== 0) {
    const stale = await probe(`${protocol}://${urlHost}:${port}/`).then(() => true, () => false);
    if (stale) throw new Error(`port ${port} is already in use: stop that server or set E2E_PORT`);
  }
  // The app's own server, as `npm start` runs it: it stamps each request's socket peer (local trust).
  const child = spawn(process.execPath, ['bin/serve.mjs', ...(secure ? ['--https'] : [])], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let printed = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      (stream === child.stdout && !quiet ? process.stdout : process.stderr).write(chunk);
    });
  }
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    const bound = await readyPort(child, () => printed, timeoutMs);
    const url = `${protocol}://${urlHost}:${bound}`;
    await waitForHttp(`${url}/`, timeoutMs);
    return { url, process: child, output: () => printed, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** The port in the server's `app ready on <protocol>://<host>:<port>` line. */
async function readyPort(child: ChildProcess, printed: () => string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /app ready on https?:\/\/\S+:(\d+)/.exec(printed());
    if (match) return Number(match[1]);
    if (child.exitCode !== null) throw new Error(`the app server exited with ${child.exitCode}:\n${printed()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app server printed no "app ready" line within ${timeoutMs} ms:\n${printed()}`);
}
