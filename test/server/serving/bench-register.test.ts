import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchRegister } from '@/lib/bench/register/bench-register';
import type { BenchSession } from '@/lib/kernel/session';
import { MNIST_INPUT_NAME, mnistOnnx } from '@/bench/lib/mnist-onnx';
import { startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { MemoryRunStore } from '../memory-run-store';
import { digitRows, predictJson } from './serving-fixture';

/**
 * bench.register in a cell: the run and its ONNX file go from the browser's store to the server
 * and become a version that serves predictions at once (no wait for the sync outbox).
 */
describe('bench.register', () => {
  let s: TestServer;
  let bytes: Uint8Array;
  const store = new MemoryRunStore();
  const run = makeRun({ projectId: 'cells', name: 'mlp run' });
  const session = { store: async () => store, context: { projectId: 'cells', notebookId: 'nb', owner: null } } as unknown as BenchSession;

  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite' });
    bytes = await mnistOnnx('mnist-mlp');
    await store.putRun(run);
    await store.putArtifact({ id: `${run.id}.onnx-int8.1`, runId: run.id, name: 'mlp-int8.onnx', kind: 'onnx-int8', sizeBytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), createdAt: 1, meta: { quantize: 'int8', passed: true } }, bytes);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('registers the newest run’s ONNX file, which then serves predictions', async () => {
    const result = await benchRegister(session, 'from-a-cell', { baseUrl: s.url, token: s.token, description: 'cell' });
    expect(result).toEqual({ name: 'from-a-cell', version: 1, runId: run.id, artifactId: `${run.id}.onnx-int8.1`, url: '/models/from-a-cell' });
    const res = await predictJson(s, 'from-a-cell', 'latest', { [MNIST_INPUT_NAME['mnist-mlp']]: digitRows([0.2]) });
    expect(res.status).toBe(200);
  });

  it('stores bench.export’s result as an artifact of the run and registers it', async () => {
    const result = await benchRegister(session, 'from-a-cell', { runId: run.id, artifact: { bytes, report: { quantize: 'int8', passed: true } }, baseUrl: s.url, token: s.token });
    expect(result.version).toBe(2);
    expect(result.artifactId).not.toBe(`${run.id}.onnx-int8.1`);
    expect((await store.listArtifacts(run.id)).map((a) => a.id)).toContain(result.artifactId);
  });

  it('says what to do without an exported file, and passes the server’s refusal on', async () => {
    const empty = { ...session, context: { projectId: 'other' } } as unknown as BenchSession;
    await expect(benchRegister(empty, 'x', { baseUrl: s.url, token: s.token })).rejects.toThrow(/no run of this project has an exported ONNX file/);
    await expect(benchRegister(session, 'bad/name', { baseUrl: s.url, token: s.token })).rejects.toThrow(/must not contain "\/"/);
    await expect(benchRegister(session, 'x', { baseUrl: s.url, token: 'wrong-token-wrong-token' })).rejects.toThrow(/token/);
  });
});
