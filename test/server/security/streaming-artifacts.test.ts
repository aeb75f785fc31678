import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import type { Artifact } from '@/lib/track/schemas';
import { BACKENDS, type Backend } from '../harness';
import { makeRun } from '../fixtures';
import { memoryOf, resetPeak, startChildServer, type ChildServer } from '../child-server';
import { CHUNK, MB, patternChunks, patternSha256, streamOf } from './pattern-bytes';

/**
 * BIG MEMORY / BIG I/O: about 1 GB of uploads per backend, so it stays one file.
 * Issue 10: artifacts were buffered whole (three 250 MB uploads: 1.1 GB RSS). They now stream
 * to a partial file, hashed on the way, checked, then renamed; downloads stream from disk.
 * The server runs as a child process so its peak RSS (/proc VmHWM) is its own.
 */
const TOKEN = 'artifact-stream-token-0123456789';
const LIMIT = 256 * 1024 * 1024; // the server's default BENCHTOP_MAX_ARTIFACT_BYTES

/** Files under the artifact dir (partial uploads included), relative to it. */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'artifacts');
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)))) : [];
}

/** PUT with node:http, which reports an early answer (413) while the body is still being sent. */
function rawPut(url: string, headers: Record<string, string>, chunks: Iterator<Uint8Array>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method: 'PUT', headers }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      for (let next = chunks.next(); !next.done && !answered; next = chunks.next()) if (!req.write(next.value)) return void req.once('drain', pump);
      if (!answered) req.end();
    };
    pump();
  });
}

describe.each(BACKENDS)('artifacts stream to and from disk (%s)', (backend: Backend) => {
  let s: ChildServer;
  const runId = makeRun().id;
  const auth = { authorization: `Bearer ${TOKEN}` };

  const meta = (id: string, sizeBytes: number, sha256: string): Artifact => ({ id, runId, name: `${id}.bin`, kind: 'file', sizeBytes, sha256, createdAt: Date.now() });
  const uploadHeaders = (m: Artifact, sha = m.sha256) => ({ ...auth, 'content-type': 'application/octet-stream', [SHA256_HEADER]: sha, [ARTIFACT_META_HEADER]: encodeArtifactMeta(m) });
  const artifactUrl = (id: string) => `${s.baseUrl}/api/v1/runs/${runId}/artifacts/${id}`;

  beforeAll(async () => {
    s = await startChildServer(backend, TOKEN);
    const run = makeRun({ id: runId });
    const res = await fetch(`${s.baseUrl}/api/v1/runs/${runId}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(runToWire(run)) });
    expect(res.status).toBe(200);
  }, 60_000);
  afterAll(async () => s?.close());

  it('three concurrent 250 MB uploads and their downloads grow the server by < 150 MB, bytes intact', async () => {
    const SIZE = 250 * MB;
    const files = [1, 2, 3].map((seed) => ({ id: `big-${seed}`, seed, sha256: patternSha256(SIZE, seed) }));
    resetPeak(s.child.pid!);
    const before = memoryOf(s.child.pid!).rssBytes;

    const uploads = await Promise.all(
      files.map((f) =>
        fetch(artifactUrl(f.id), { method: 'PUT', headers: uploadHeaders(meta(f.id, SIZE, f.sha256)), body: streamOf(patternChunks(SIZE, f.seed)), duplex: 'half' } as RequestInit),
      ),
    );
    for (const res of uploads) expect(res.status, await res.clone().text()).toBe(200);

    const downloads = await Promise.all(
      files.map(async (f) => {
        const res = await fetch(artifactUrl(f.id), { headers: auth });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-length')).toBe(String(SIZE));
        const hash = createHash('sha256');
        let size = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          hash.update(chunk);
          size += chunk.byteLength;
        }
        return { size, sha256: hash.digest('hex') };
      }),
    );
    const growthMb = (memoryOf(s.child.pid!).peakBytes - before) / MB;
    console.log(JSON.stringify({ test: 'artifact-stream', backend, uploads: '3 x 250 MB', serverPeakGrowthMb: Math.round(growthMb) }));
    expect(downloads).toEqual(files.map((f) => ({ size: SIZE, sha256: f.sha256 })));
    expect(growthMb).toBeLessThan(150);
    expect(storedFiles(s.dataDir).sort()).toEqual(files.map((f) => `${runId}/${f.id}`));
  }, 120_000);

  it('refuses an upload past the limit with 413 as the bytes arrive, and keeps nothing of it', async () => {
    const size = LIMIT + CHUNK;
    const m = meta('too-big', size, 'a'.repeat(64));
    // Declared: refused from the header alone. Chunked (no Content-Length): cut off once the count passes the limit.
    expect(await rawPut(artifactUrl(m.id), { ...uploadHeaders(m), 'content-length': String(size) }, patternChunks(size, 9))).toBe(413);
    const status = await rawPut(artifactUrl(m.id), uploadHeaders(m), patternChunks(size, 9));
    expect(status).toBe(413);
    const body = await (await fetch(artifactUrl(m.id), { headers: auth })).json();
    expect(body.error.code).toBe('not_found');
    expect(storedFiles(s.dataDir).filter((f) => f.includes('too-big'))).toEqual([]);
  }, 60_000);

  it('refuses a body whose sha256 differs from the header with 422, and keeps nothing of it', async () => {
    const bytes = [...patternChunks(3 * CHUNK, 5)];
    const m = meta('corrupt', 3 * CHUNK, 'b'.repeat(64));
    const res = await fetch(artifactUrl(m.id), { method: 'PUT', headers: uploadHeaders(m), body: Buffer.concat(bytes) });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('checksum_mismatch');
    expect(storedFiles(s.dataDir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
