import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root: `.next` (the production build) lives here. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms`);
}

/** One production app process (the build in `.next`) on loopback. */
export interface AppServer {
  url: string;
  process: ChildProcess;
  /** SIGTERM to the process group (the server and anything it started). */
  stop(): void;
}

export interface StartAppServerOptions {
  port: number;
  /** Added to this process's environment (BENCHTOP_DATA_DIR, DATABASE_URL, BENCHTOP_TOKEN…). */
  env: Record<string, string>;
  /** How long the first page may take to answer (default 60 s). */
  timeoutMs?: number;
}

/**
 * Starts the built app the way a user does and waits until it answers. Refuses a port another
 * server already answers on: the test would otherwise talk to that server instead of this build.
 */
export async function startAppServer({ port, env, timeoutMs = 60_000 }: StartAppServerOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  const stale = await fetch(`${url}/`).then(() => true, () => false);
  if (stale) throw new Error(`port ${port} is already in use: stop that server or set E2E_PORT`);
  // The app's own server, as `npm start` runs it: it stamps each request's socket peer (local trust).
  const child = spawn(process.execPath, ['bin/serve.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHttp(`${url}/`, timeoutMs);
  } catch (err) {
    stop();
    throw err;
  }
  return { url, process: child, stop };
}
