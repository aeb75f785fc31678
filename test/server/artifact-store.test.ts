import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryArtifactStore, removeStalePartials, STALE_PARTIAL_MS } from '@/lib/server/artifact-store';
import { tempDataDir } from './harness';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield new TextEncoder().encode(p);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('directory artifact store', () => {
  it('writes a stream atomically and reads it back as a stream', async () => {
    const root = tempDataDir();
    dirs.push(root);
    const store = directoryArtifactStore(root);
    await store.write('run-1/a', chunks('hello ', 'world'));
    const read = await store.read('run-1/a');
    expect(read?.sizeBytes).toBe(11);
    expect(await readAll(read!.stream)).toBe('hello world');
    expect(await store.read('run-1/missing')).toBeUndefined();
  });

  it('keeps nothing when `accept` refuses the bytes or the stream fails, and keeps the old version', async () => {
    const root = tempDataDir();
    dirs.push(root);
    const store = directoryArtifactStore(root);
    await store.write('run-1/a', chunks('v1'));
    await expect(store.write('run-1/a', chunks('v2'), () => { throw new Error('checksum'); })).rejects.toThrow('checksum');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([1, 2, 3]);
      throw new Error('client went away');
    }
    await expect(store.write('run-1/a', failing())).rejects.toThrow('client went away');
    expect(fs.readdirSync(path.join(root, 'run-1'))).toEqual(['a']);
    expect(await readAll((await store.read('run-1/a'))!.stream)).toBe('v1');
  });

  it('removes partial uploads of crashed processes, but not fresh ones another process is writing', async () => {
    const root = tempDataDir();
    dirs.push(root);
    fs.mkdirSync(path.join(root, 'run-1'));
    const stale = path.join(root, 'run-1', 'a.0123456789ab~partial');
    const fresh = path.join(root, 'run-1', 'b.0123456789ab~partial');
    const kept = path.join(root, 'run-1', 'c');
    for (const f of [stale, fresh, kept]) fs.writeFileSync(f, 'x');
    const old = new Date(Date.now() - STALE_PARTIAL_MS - 60_000);
    fs.utimesSync(stale, old, old);
    fs.utimesSync(kept, old, old);
    expect(await removeStalePartials(root)).toBe(1);
    expect(fs.readdirSync(path.join(root, 'run-1')).sort()).toEqual(['b.0123456789ab~partial', 'c']);
    expect(await removeStalePartials(path.join(root, 'nothing-here'))).toBe(0);
  });
});
