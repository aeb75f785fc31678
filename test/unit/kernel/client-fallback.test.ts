import { describe, expect, it } from 'vitest';
import { createKernel } from '@/lib/kernel/client';
import { candidatesFor } from '@/lib/kernel/backend-select';
import type { BackendChoice, KernelEvent, KernelInfo, KernelRequest } from '@/lib/kernel/protocol';
import type { BackendName } from '@/lib/track/schemas';
import { FakeWorker } from './fake-worker';

/**
 * How a fake worker fails on a backend: `die` posts nothing more and fires an error (like the
 * wasm pthreads' uncaught ReferenceError in the minified build), `hang` stays silent forever.
 */
type Failure = 'die' | 'hang';

/**
 * A worker that walks the candidates like the real one, failing on the backends in `broken`. Like
 * the real one, it runs cells only after its init succeeded (cells queue behind init).
 */
function scriptedWorker(broken: Partial<Record<BackendName, Failure>>) {
  let initialised = false;
  return new FakeWorker((req: KernelRequest, w) => {
    if (req.type === 'execute') {
      if (initialised) w.send({ kind: 'reply', reply: { id: req.id, ok: true, result: { value: req.source, durationMs: 1 } } });
      return;
    }
    if (req.type !== 'init') return;
    for (const backend of candidatesFor(req.backend)) {
      w.send({ kind: 'events', events: [{ type: 'backend-trying', backend }] });
      const failure = broken[backend];
      if (failure === 'die') return void setTimeout(() => w.onerror?.({ message: 'Uncaught ReferenceError: a is not defined' }), 5);
      if (failure === 'hang') return;
      const info: KernelInfo = { backend, requested: req.backend, adapter: null, tfjsVersion: '4.22.0', skipped: [] };
      initialised = true;
      w.send({ kind: 'reply', reply: { id: req.id, ok: true, result: info } });
      return;
    }
  });
}

function setup(backend: BackendChoice, broken: Partial<Record<BackendName, Failure>>, startTimeoutMs = 200) {
  const workers: FakeWorker[] = [];
  const events: KernelEvent[] = [];
  const kernel = createKernel({
    notebookId: 'nb', projectId: 'default', owner: null, backend, startTimeoutMs,
    createWorker: () => {
      const w = scriptedWorker(broken);
      workers.push(w);
      return w;
    },
  });
  kernel.onEvent((e) => events.push(e));
  return { kernel, workers, events };
}

describe('kernel client: falling back when a backend takes the worker down', () => {
  it('a worker that dies starting wasm is replaced by one on cpu, and the info says why', async () => {
    const { kernel, workers } = setup('wasm', { wasm: 'die' });
    const info = await kernel.ready();
    expect(info).toMatchObject({ backend: 'cpu', requested: 'wasm' });
    expect(info.skipped).toEqual([{ backend: 'wasm', reason: 'the kernel worker died: Uncaught ReferenceError: a is not defined', unavailable: false }]);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].received[0]).toMatchObject({ type: 'init', backend: 'cpu' });
  });

  it('a worker that hangs is given up after startTimeoutMs; the next backend is the one after the hung one', async () => {
    const { kernel, workers } = setup('auto', { webgpu: 'hang' }, 100);
    const started = Date.now();
    const info = await kernel.ready();
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(info).toMatchObject({ backend: 'webgl', requested: 'auto', skipped: [{ backend: 'webgpu', reason: expect.stringMatching(/did not answer within/) }] });
    expect(workers[0].received[0]).toMatchObject({ type: 'init', backendTimeoutMs: 67 });
  });

  it('cells queued while the kernel was starting run on the replacement worker', async () => {
    const { kernel, workers } = setup('webgl', { webgl: 'die', wasm: 'die' });
    const cell = kernel.execute({ cellId: 'a', source: '6 * 7' });
    expect(await cell).toEqual({ ok: true, result: { value: '6 * 7', durationMs: 1 } });
    expect(workers).toHaveLength(3);
    expect(workers.map((w) => w.received.map((r) => r.type))).toEqual([['init', 'execute'], ['init', 'execute'], ['init', 'execute']]);
    expect((await kernel.ready()).skipped.map((s) => s.backend)).toEqual(['webgl', 'wasm']);
  });

  it('a restart after a fallback goes straight to the backend that worked and keeps the notice', async () => {
    const { kernel, workers } = setup('wasm', { wasm: 'die' });
    await kernel.ready();
    const info = await kernel.restart();
    expect(workers).toHaveLength(3);
    expect(workers[2].received[0]).toMatchObject({ type: 'init', backend: 'cpu' });
    expect(info).toMatchObject({ backend: 'cpu', requested: 'wasm', skipped: [{ backend: 'wasm' }] });
  });

  it('when even cpu dies, ready() rejects with every reason instead of starting forever', async () => {
    const { kernel, workers, events } = setup('wasm', { wasm: 'die', cpu: 'hang' }, 50);
    await expect(kernel.ready()).rejects.toThrow(/wasm: the kernel worker died.*; cpu: the kernel worker did not answer/);
    expect(workers).toHaveLength(2);
    expect(events.filter((e) => e.type === 'log').map((e) => (e as { message: string }).message)).toEqual(['wasm failed to start (the kernel worker died: Uncaught ReferenceError: a is not defined); trying cpu']);
  });

  it('an error after ready is logged, not treated as a failed start', async () => {
    const { kernel, workers, events } = setup('cpu', {});
    await kernel.ready();
    workers[0].onerror?.({ message: 'late' });
    expect(workers).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'log', level: 'error', message: 'kernel worker error: late' });
  });
});
