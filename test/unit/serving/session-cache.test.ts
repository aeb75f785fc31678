import { beforeAll, describe, expect, it } from 'vitest';
import { SessionCache, hasDynamicBatch, type ModelSession } from '@/lib/server/model-serving/session-cache';
import { openOrtSession } from '@/lib/server/model-serving/ort-node-session';
import { mnistOnnx } from '@/bench/lib/mnist-onnx';

function fakeSession(log: string[], key: string): ModelSession {
  return {
    inputNames: ['x'],
    outputNames: ['y'],
    inputMetadata: [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 1] }],
    outputMetadata: [{ name: 'y', isTensor: true, type: 'float32', shape: ['N', 1] }],
    run: async (feeds) => ({ y: feeds.x }),
    release: async () => void log.push(`release ${key}`),
  };
}

describe('SessionCache', () => {
  it('loads each file once for concurrent first requests', async () => {
    let opens = 0;
    const cache = new SessionCache({ maxSessions: 2, open: async (k) => (opens++, await new Promise((r) => setTimeout(r, 5)), fakeSession([], k)) });
    const entries = await Promise.all([cache.acquire('a'), cache.acquire('a'), cache.acquire('a')]);
    expect(opens).toBe(1);
    expect(entries[0].users).toBe(3);
  });

  it('evicts the least recently used, and releases a busy session only when its last user is done', async () => {
    const log: string[] = [];
    const cache = new SessionCache({ maxSessions: 2, open: async (k) => fakeSession(log, k) });
    const a = await cache.acquire('a');
    cache.release(a);
    const b = await cache.acquire('b'); // held
    cache.release(await cache.acquire('a')); // a is now more recent than b
    cache.release(await cache.acquire('c')); // evicts b, which is still in use
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(log).toEqual([]);
    cache.release(b);
    await Promise.resolve();
    expect(log).toEqual(['release b']);
  });
});

describe('onnxruntime-node sessions of the exporter’s MNIST models', () => {
  let mlp: Uint8Array;
  let cnn: Uint8Array;
  beforeAll(async () => {
    [mlp, cnn] = [await mnistOnnx('mnist-mlp'), await mnistOnnx('mnist-cnn')];
  });

  it('describe their inputs with a symbolic batch axis, so requests can be stacked', async () => {
    for (const [bytes, dims] of [[mlp, ['batch', 784]], [cnn, ['batch', 28, 28, 1]]] as const) {
      const s = await openOrtSession(bytes);
      expect(s.inputMetadata[0]).toMatchObject({ type: 'float32', shape: dims });
      expect(hasDynamicBatch(s)).toBe(true);
      await s.release();
    }
  });

  it('a stacked run gives each request the rows it would get alone', async () => {
    const s = await openOrtSession(cnn);
    const one = (v: number) => ({ x: { dtype: 'float32' as const, dims: [1, 28, 28, 1], data: new Float32Array(784).fill(v) } });
    const name = s.inputNames[0];
    const alone = await Promise.all([0.1, 0.9].map(async (v) => (await s.run({ [name]: one(v).x }))[s.outputNames[0]].data as Float32Array));
    const cache = new SessionCache({ maxSessions: 1, open: async () => s });
    const entry = await cache.acquire('cnn');
    const stacked = await Promise.all([0.1, 0.9, 0.1].map((v) => entry.batcher.submit({ [name]: one(v).x })));
    expect(stacked[1].batchRows).toBe(2);
    [0, 1].forEach((i) => {
      const got = Array.from(stacked[i].outputs[s.outputNames[0]].data as Float32Array);
      got.forEach((v, j) => expect(v).toBeCloseTo(alone[i][j], 5));
    });
    cache.release(entry);
    await cache.close();
  });
});
