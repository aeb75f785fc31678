import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot as root, startAppServer, type AppServer } from './app-server';

const port = Number(process.env.E2E_PORT ?? 3999);
let server: AppServer | undefined;
let dataDir: string | undefined;

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
    // `npm run build`: its prebuild copies the vendor runtimes (tfjs wasm helpers, onnxruntime) and
    // generates the editor's bench typings, which `next build` alone would skip.
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: process.env });
    if (build.status !== 0) throw new Error(`npm run build failed with exit code ${build.status}`);
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'benchtop-e2e-'));
  server = await startAppServer({ port, env: { BENCHTOP_DATA_DIR: dataDir } });
  const baseUrl = server.url;
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
}

export async function teardown(): Promise<void> {
  server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}
