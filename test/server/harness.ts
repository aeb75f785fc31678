import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readServerEnv } from '@/lib/server/env';
import { startStandaloneServer, type StandaloneServer } from '@/lib/server/standalone';
import { createTestDatabase } from './pg';

export type Backend = 'sqlite' | 'postgres';
/** Every server suite runs against both databases. */
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export interface TestServer {
  url: string;
  /** The workspace write token. */
  token: string;
  dataDir: string;
  server: StandaloneServer;
  /** fetch against the server with the token (unless `auth: false`). */
  api(pathname: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export interface StartTestServerOptions {
  backend: Backend;
  /** Extra env (e.g. BENCHTOP_REQUIRE_TOKEN: '0' to allow trusted local use). */
  env?: Record<string, string>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-test-'));
}

/** The standalone server in this process on 127.0.0.1:<random port>, over a fresh database. */
export async function startTestServer({ backend, env = {} }: StartTestServerOptions): Promise<TestServer> {
  const dataDir = tempDataDir();
  const pgDb = backend === 'postgres' ? await createTestDatabase() : undefined;
  const server = await startStandaloneServer({
    env: readServerEnv({
      BENCHTOP_DATA_DIR: dataDir,
      BENCHTOP_REQUIRE_TOKEN: '1',
      // Every test client joins classes from 127.0.0.1: the per-address join limit is tested on its own.
      BENCHTOP_JOINS_PER_MIN: '100000',
      ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
      ...env,
    }),
    host: '127.0.0.1',
    port: 0,
    log: () => undefined,
  });
  const token = server.tracking.services.auth.token;
  return {
    url: server.url,
    token,
    dataDir,
    server,
    api(pathname, init = {}) {
      const { auth = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
      return fetch(server.url + pathname, { ...rest, headers });
    },
    async close() {
      await server.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}
