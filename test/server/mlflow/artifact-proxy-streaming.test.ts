import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Backend } from '../harness';
import { memoryOf, resetPeak, startChildServer, type ChildServer } from '../child-server';
import { MB, patternChunks, patternSha256, streamOf } from '../security/pattern-bytes';

/**
 * BIG I/O: the MLflow artifact proxy streams. Two concurrent 120 MB `log_artifact` uploads and
 * their downloads must grow the server (a child process, so its peak RSS is its own) by far less
 * than the bytes moved; buffered, they would cost 240 MB+.
 */
const TOKEN = 'mlflow-proxy-stream-token-0123456789';

describe.each(BACKENDS)('MLflow artifact proxy streams (%s)', (backend: Backend) => {
  let s: ChildServer;
  const auth = { authorization: `Bearer ${TOKEN}` };
  const url = (p: string) => `${s.baseUrl}/api/2.0/mlflow-artifacts/artifacts/0/stream-run/artifacts/${p}`;

  beforeAll(async () => {
    s = await startChildServer(backend, TOKEN);
  }, 60_000);
  afterAll(async () => s?.close());

  it('two concurrent 120 MB uploads and downloads grow the server by < 100 MB, bytes intact', async () => {
    const SIZE = 120 * MB;
    const files = [1, 2].map((seed) => ({ path: `model/weights-${seed}.bin`, seed, sha256: patternSha256(SIZE, seed) }));
    resetPeak(s.child.pid!);
    const before = memoryOf(s.child.pid!).rssBytes;
    const t0 = performance.now();
    const uploads = await Promise.all(
      files.map((f) => fetch(url(f.path), { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: streamOf(patternChunks(SIZE, f.seed)), duplex: 'half' } as RequestInit)),
    );
    const uploadS = (performance.now() - t0) / 1000;
    for (const res of uploads) expect(res.status, await res.clone().text()).toBe(200);
    const t1 = performance.now();
    const downloads = await Promise.all(
      files.map(async (f) => {
        const res = await fetch(url(f.path), { headers: auth });
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
    const downloadS = (performance.now() - t1) / 1000;
    const growthMb = (memoryOf(s.child.pid!).peakBytes - before) / MB;
    console.log(JSON.stringify({ test: 'mlflow-artifact-proxy-stream', backend, files: '2 x 120 MB', uploadMBps: Math.round((2 * SIZE) / MB / uploadS), downloadMBps: Math.round((2 * SIZE) / MB / downloadS), serverPeakGrowthMb: Math.round(growthMb) }));
    expect(downloads).toEqual(files.map((f) => ({ size: SIZE, sha256: f.sha256 })));
    expect(growthMb).toBeLessThan(100);
  }, 120_000);
});
