import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

let baseUrl: string | undefined;

/**
 * A PostgreSQL server for tests: TEST_DATABASE_URL, else the one `.ci/start-postgres.sh` starts
 * (installing Debian's postgresql when missing). Fails loudly: the PostgreSQL half of the server
 * tests is never silently skipped.
 */
export function postgresBaseUrl(): string {
  if (baseUrl) return baseUrl;
  if (process.env.TEST_DATABASE_URL) return (baseUrl = process.env.TEST_DATABASE_URL);
  const script = path.resolve(import.meta.dirname, '../../.ci/start-postgres.sh');
  let out: string;
  try {
    out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`PostgreSQL for the server tests could not start (${script}): ${e.stderr || e.message}`);
  }
  const line = out.trim().split('\n').reverse().find((l) => l.startsWith('DATABASE_URL='));
  if (!line) throw new Error(`${script} printed no DATABASE_URL line:\n${out}`);
  return (baseUrl = line.slice('DATABASE_URL='.length));
}

/** A fresh database with a random name; `drop()` removes it (connections included). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = postgresBaseUrl();
  const name = `benchtop_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
