import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 3999);
let server: ChildProcess | undefined;
let dataDir: string | undefined;

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
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

/** Builds the app once (unless E2E_SKIP_BUILD=1 and a build exists) and serves it on loopback. */
export async function setup(project: TestProject): Promise<void> {
  // E2E_BASE_URL: run against a server someone else started (e.g. `next dev` on another port).
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    project.provide('dataDir', process.env.BENCHTOP_DATA_DIR ?? '');
    return;
  }
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  const built = existsSync(path.join(root, distDir, 'BUILD_ID'));
  if (!(process.env.E2E_SKIP_BUILD === '1' && built)) {
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: process.env });
    if (build.status !== 0) throw new Error(`next build failed with exit code ${build.status}`);
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  // Another server on the port would answer in place of this build: refuse rather than test it.
  const stale = await fetch(`${baseUrl}/`).then(() => true, () => false);
  if (stale) throw new Error(`port ${port} is already in use: stop that server or set E2E_PORT`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'benchtop-e2e-'));
  server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, BENCHTOP_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  await waitForHttp(`${baseUrl}/`, 60_000);
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
}

export async function teardown(): Promise<void> {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
