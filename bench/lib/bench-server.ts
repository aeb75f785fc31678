import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kill, spawnServer } from '../../test/server/child-server';

/** PostgreSQL when DATABASE_URL is set or `--postgres` is given (then DATABASE_URL must name a fresh database); exits otherwise. */
export function postgresWanted(): boolean {
  const wanted = process.argv.includes('--postgres') || !!process.env.DATABASE_URL;
  if (wanted && !process.env.DATABASE_URL) {
    console.error('--postgres needs DATABASE_URL (e.g. from .ci/start-postgres.sh, with a fresh database name)');
    process.exit(2);
  }
  return wanted;
}

/**
 * The standalone tracking server as a child process on 127.0.0.1:`port` over a fresh data dir
 * (and DATABASE_URL when `postgres`), with a generated token; removed after `fn`.
 */
export async function withBenchServer<T>(opts: { port: number; postgres: boolean; name: string; env?: Record<string, string> }, fn: (baseUrl: string, token: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `benchtop-${opts.name}-`));
  const token = randomBytes(24).toString('base64url');
  const server = await spawnServer({
    BENCHTOP_DATA_DIR: dataDir,
    BENCHTOP_TOKEN: token,
    BENCHTOP_REQUIRE_TOKEN: '1',
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    ...(opts.postgres ? { DATABASE_URL: process.env.DATABASE_URL! } : {}),
    ...opts.env,
  });
  try {
    return await fn(`http://127.0.0.1:${opts.port}`, token);
  } finally {
    await kill(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
