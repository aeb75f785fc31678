import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDataDir, type Backend } from './harness';
import { createTestDatabase } from './pg';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The standalone server as a child process, ready when it prints its "listening" line. */
export async function spawnServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/server/standalone.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return child;
}

export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The environment of a child server over a fresh data dir (and database); `cleanup` removes both. */
export async function childServerEnv(backend: Backend, token: string): Promise<{ env: Record<string, string>; dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = tempDataDir();
  const env: Record<string, string> = { BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: token, HOST: '127.0.0.1' };
  const pg = backend === 'postgres' ? await createTestDatabase() : undefined;
  if (pg) env.DATABASE_URL = pg.url;
  return {
    env,
    dataDir,
    async cleanup() {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process from /proc (Linux): current and peak since the last `resetPeak`. */
export function memoryOf(pid: number): { rssBytes: number; peakBytes: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kb('VmRSS'), peakBytes: kb('VmHWM') };
}

/** Resets the peak (VmHWM) to the current RSS, so a later peak measures only what came after. */
export function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export interface ChildServer {
  child: ChildProcess;
  baseUrl: string;
  dataDir: string;
  /** Stops the server, then removes its data dir and database. */
  close(): Promise<void>;
}

/** The standalone server as a child process over a fresh data dir, on a free loopback port. */
export async function startChildServer(backend: Backend, token: string): Promise<ChildServer> {
  const made = await childServerEnv(backend, token);
  const port = await freePort();
  const child = await spawnServer({ ...made.env, PORT: String(port) });
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir: made.dataDir,
    async close() {
      await kill(child);
      await made.cleanup();
    },
  };
}
