import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/lib/server/db/connect';
import { BACKENDS, tempDataDir, type Backend } from './harness';
import { createTestDatabase } from './pg';

/**
 * Several app instances started at once on a fresh database all run the migrations. Kysely
 * locks them on PostgreSQL (an advisory lock) but not on SQLite, where two servers on a new
 * data dir both ran 001 and one died: "table projects already exists".
 */
const PROCESSES = 3;
const ROOT = path.resolve(import.meta.dirname, '../..');

function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  const push = (line: string) => (waiting.length ? waiting.shift()!(line) : queue.push(line));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
  });
  child.once('exit', (code) => push(`exited with ${code}`));
  return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

async function freshTarget(backend: Backend): Promise<{ target: string; drop(): Promise<void> }> {
  if (backend === 'postgres') {
    const db = await createTestDatabase();
    return { target: db.url, drop: db.drop };
  }
  const dir = tempDataDir();
  return { target: path.join(dir, 'benchtop.sqlite'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe.each(BACKENDS)('first start of several app processes on one fresh database (%s)', (backend) => {
  it(`migrates once: ${PROCESSES} processes opening it in the same millisecond all start`, async () => {
    for (let round = 0; round < 2; round++) {
      const fresh = await freshTarget(backend);
      const children = Array.from({ length: PROCESSES }, () =>
        spawn(process.execPath, ['--import', 'tsx', 'test/server/open-db-child.ts', fresh.target], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] }),
      );
      try {
        const next = children.map(lines);
        expect(await Promise.all(next.map((read) => read()))).toEqual(Array(PROCESSES).fill('ready'));
        for (const child of children) child.stdin!.write('go\n');
        expect(await Promise.all(next.map((read) => read()))).toEqual(Array(PROCESSES).fill('ok'));
      } finally {
        for (const child of children) child.kill();
        await fresh.drop();
      }
    }
  }, 120_000);
});

describe('a process starting while another holds the SQLite write lock (sqlite)', () => {
  it('waits past the 5 s a request waits (a slow migration elsewhere) and starts', async () => {
    const fresh = await freshTarget('sqlite');
    // Another process in the middle of a long write transaction, as a first server migrating on
    // a slow machine: it lets go after 6 s.
    const holder = spawn(
      process.execPath,
      ['-e', "const db = new (require('better-sqlite3'))(process.argv[1]); db.pragma('journal_mode = WAL'); db.exec('begin immediate'); console.log('locked'); setTimeout(() => { db.exec('commit'); db.close(); }, 6000);", fresh.target],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      expect(await lines(holder)()).toBe('locked');
      const t0 = Date.now();
      const db = await openDb({ sqlitePath: fresh.target });
      try {
        expect(Date.now() - t0).toBeGreaterThan(5_000);
        expect(await db.kysely.selectFrom('projects').select('id').execute()).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      holder.kill();
      await fresh.drop();
    }
  }, 60_000);
});
