import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/server/http/errors';
import { openOrtSession } from '@/lib/server/model-serving/ort-node-session';
import { openOrtWorkerSession } from '@/lib/server/model-serving/ort-worker-session';
import { SessionCache, type ModelSession } from '@/lib/server/model-serving/session-cache';
import { mnistOnnx } from '@/bench/lib/mnist-onnx';

const digits = (rows: number) => ({ dtype: 'float32' as const, dims: [rows, 28, 28, 1], data: Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 256) / 255) });

/** Timer ticks of a 1 ms interval on this thread while `work` runs, and how long it ran. */
async function ticksDuring(work: () => Promise<unknown>): Promise<{ ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { ticks, ms };
}

describe('onnxruntime-node in a worker thread per model', () => {
  let cnn: Uint8Array;
  beforeAll(async () => {
    cnn = await mnistOnnx('mnist-cnn');
  });

  it('answers exactly what the same session answers on this thread, with the same metadata', async () => {
    const [inline, worker] = [await openOrtSession(cnn), await openOrtWorkerSession(cnn)];
    expect(worker.inputMetadata).toEqual(inline.inputMetadata);
    expect(worker.outputNames).toEqual(inline.outputNames);
    const feeds = { [inline.inputNames[0]]: digits(3) };
    const [a, b] = [await inline.run(feeds), await worker.run(feeds)];
    const name = inline.outputNames[0];
    expect(b[name].dims).toEqual([3, 10]);
    expect(Array.from(b[name].data as Float32Array)).toEqual(Array.from(a[name].data as Float32Array));
    // The request's own inputs are still readable after the run (monitoring's drift reads them).
    expect(feeds[inline.inputNames[0]].data.length).toBe(3 * 784);
    await Promise.all([inline.release(), worker.release()]);
  });

  it('leaves the server’s thread free during a run, where the same run on this thread blocks it', async () => {
    const [inline, worker] = [await openOrtSession(cnn), await openOrtWorkerSession(cnn)];
    const feeds = { [inline.inputNames[0]]: digits(2000) };
    await worker.run(feeds); // warm-up
    const onWorker = await ticksDuring(() => worker.run(feeds));
    const onThread = await ticksDuring(() => inline.run(feeds));
    // A run of 2,000 digits takes 100s of ms: timers on this thread keep firing only with the worker.
    expect(onThread.ms).toBeGreaterThan(50);
    expect(onThread.ticks).toBeLessThanOrEqual(2);
    expect(onWorker.ticks).toBeGreaterThan(onWorker.ms / 10);
    await Promise.all([inline.release(), worker.release()]);
  });

  it('a file onnxruntime cannot load is refused with its reason, and leaves no worker behind', async () => {
    const err = await openOrtWorkerSession(new TextEncoder().encode('not an onnx file')).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/protobuf|parse|load|model/i);
  });

  it('a run on a stopped worker is a 503, and the cache loads the model again for the next request', async () => {
    const opened: ModelSession[] = [];
    const cache = new SessionCache({ maxSessions: 2, open: async () => (opened.push(await openOrtWorkerSession(cnn)), opened.at(-1)!) });
    const first = await cache.acquire('cnn');
    cache.release(first);
    await first.session.release(); // the worker exits, as it would after a crash
    expect(first.session.stopped).toBe(true);
    const err = await first.session.run({ [first.session.inputNames[0]]: digits(1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    const second = await cache.acquire('cnn');
    expect(opened).toHaveLength(2);
    expect(second.session).toBe(opened[1]);
    const out = await second.batcher.submit({ [second.session.inputNames[0]]: digits(1) });
    expect(out.outputs[second.session.outputNames[0]].dims).toEqual([1, 10]);
    cache.release(second);
    await cache.close();
  });
});
