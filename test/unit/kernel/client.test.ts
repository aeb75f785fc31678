import { describe, expect, it } from 'vitest';
import { createKernel } from '@/lib/kernel/client';
import type { KernelEvent, KernelInfo, KernelRequest } from '@/lib/kernel/protocol';
import { FakeWorker } from './fake-worker';
import { makeRun } from '../track/fixtures';

const INFO: KernelInfo = { backend: 'cpu', requested: 'auto', adapter: null, tfjsVersion: '4.22.0', skipped: [] };

function standard(req: KernelRequest, w: FakeWorker) {
  switch (req.type) {
    case 'init':
      w.send({ kind: 'reply', reply: { id: req.id, ok: true, result: INFO } });
      return;
    case 'execute':
      if (req.source === 'hang') {
        w.send({ kind: 'events', events: [{ type: 'run-started', cellId: req.cellId, run: makeRun({ id: 'r-hang' }) }] });
        return; // never replies, ignores stop
      }
      if (req.source === 'train' || req.source === 'train-hang') {
        w.send({ kind: 'events', events: [{ type: 'run-started', cellId: req.cellId, run: makeRun({ id: 'r-train' }) }] });
        (w as FakeWorker & { trainId?: number }).trainId = req.id;
        return; // replies when stopped
      }
      // Reply in reverse order of arrival for "slow" so matching by id is exercised.
      setTimeout(() => {
        w.send({ kind: 'events', events: [{ type: 'output', cellId: req.cellId, output: { type: 'text', stream: 'stdout', text: req.source } }] });
        w.send({ kind: 'reply', reply: { id: req.id, ok: true, result: { value: req.source, durationMs: 1 } } });
      }, req.source === 'slow' ? 30 : 1);
      return;
    case 'stop': {
      const trainId = (w as FakeWorker & { trainId?: number }).trainId;
      w.send({ kind: 'reply', reply: { id: req.id, ok: true, result: { stoppingRunIds: trainId ? ['r-train'] : [], cancelledCellIds: [] } } });
      if (trainId && w.received.find((r) => r.id === trainId && r.type === 'execute' && r.source === 'train-hang')) return; // acknowledged, never ends
      if (trainId) {
        w.send({ kind: 'events', events: [{ type: 'run-finished', cellId: 'c', runId: 'r-train', status: 'stopped', reason: 'stopped by user' }] });
        w.send({ kind: 'reply', reply: { id: trainId, ok: false, error: { name: 'Interrupted', message: 'Stopped', line: null, column: null } } });
      }
      return;
    }
  }
}

function setup(stopGraceMs = 50) {
  const workers: FakeWorker[] = [];
  const events: KernelEvent[] = [];
  const kernel = createKernel({
    notebookId: 'nb', projectId: 'default', owner: null, backend: 'auto', stopGraceMs,
    createWorker: () => {
      const w = new FakeWorker(standard);
      workers.push(w);
      return w;
    },
  });
  kernel.onEvent((e) => events.push(e));
  return { kernel, workers, events };
}

describe('kernel client', () => {
  it('does a ready handshake with the init context and exposes info', async () => {
    const { kernel, workers, events } = setup();
    expect(kernel.info).toBeNull();
    expect(await kernel.ready()).toEqual(INFO);
    expect(kernel.info).toEqual(INFO);
    expect(workers[0].received[0]).toMatchObject({ type: 'init', backend: 'auto', context: { notebookId: 'nb' }, orphanRunIds: [] });
    expect(events[0]).toEqual({ type: 'ready', info: INFO });
  });

  it('matches replies to requests by id, whatever the order they come back in', async () => {
    const { kernel, events } = setup();
    const [a, b] = await Promise.all([kernel.execute({ cellId: 'a', source: 'slow' }), kernel.execute({ cellId: 'b', source: 'fast' })]);
    expect(a).toEqual({ ok: true, result: { value: 'slow', durationMs: 1 } });
    expect(b).toEqual({ ok: true, result: { value: 'fast', durationMs: 1 } });
    const texts = events.flatMap((e) => (e.type === 'output' && e.output.type === 'text' ? [e.cellId] : []));
    expect(texts).toEqual(['b', 'a']);
  });

  it('stop with nothing running is idle; a cooperative stop resolves the cell as Interrupted', async () => {
    const { kernel, workers } = setup();
    await kernel.ready();
    expect(await kernel.stop()).toBe('idle');
    const cell = kernel.execute({ cellId: 'c', source: 'train' });
    await new Promise((r) => setTimeout(r, 5));
    expect(await kernel.stop()).toBe('stopped');
    expect(await cell).toMatchObject({ ok: false, error: { name: 'Interrupted' } });
    expect(workers).toHaveLength(1);
  });

  it('terminates a cell that ignores stop, restarts the worker and hands it the orphaned run', async () => {
    const { kernel, workers, events } = setup();
    await kernel.ready();
    const cell = kernel.execute({ cellId: 'h', source: 'hang' });
    await new Promise((r) => setTimeout(r, 5));
    expect(await kernel.stop()).toBe('restarted');
    expect(workers[0].terminated).toBe(true);
    expect(await cell).toMatchObject({ ok: false, error: { name: 'KernelRestarted', message: expect.stringMatching(/state|lost/) } });
    expect(events.some((e) => e.type === 'restarted')).toBe(true);
    expect(events.some((e) => e.type === 'output' && e.cellId === 'h' && e.output.type === 'error')).toBe(true);
    await kernel.ready();
    expect(workers).toHaveLength(2);
    expect(workers[1].received[0]).toMatchObject({ type: 'init', orphanRunIds: ['r-hang'] });
    expect(await kernel.execute({ cellId: 'x', source: 'after' })).toMatchObject({ ok: true });
  });

  it('a training cell that acknowledged Stop gets 4× the grace, and the restart message names that time', async () => {
    const { kernel, events } = setup(100);
    await kernel.ready();
    const cell = kernel.execute({ cellId: 't', source: 'train-hang' });
    await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    expect(await kernel.stop()).toBe('restarted');
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    const message = (await cell).ok ? '' : ((await cell) as { error: { message: string } }).error.message;
    expect(message).toMatch(/did not stop within 0\.4 s/);
    expect(events.some((e) => e.type === 'restarted' && /0\.4 s/.test(e.reason))).toBe(true);
  });

  it('restart replaces the worker; dispose fails pending requests and stops events', async () => {
    const { kernel, workers, events } = setup();
    await kernel.restart();
    expect(workers).toHaveLength(2);
    const hung = kernel.execute({ cellId: 'h', source: 'hang' });
    kernel.dispose();
    expect(await hung).toMatchObject({ ok: false, error: { name: 'KernelRestarted' } });
    const n = events.length;
    workers[1].send({ kind: 'events', events: [{ type: 'log', level: 'info', message: 'late' }] });
    expect(events.length).toBe(n);
    await expect(kernel.execute({ cellId: 'z', source: 'x' })).rejects.toThrow(/disposed/);
  });

  it('on `restarted`, ready() waits for the new worker (the badge must not say ready too early)', async () => {
    // The second worker takes 30 ms to load, as a real one takes seconds to import tfjs.
    const workers: FakeWorker[] = [];
    const kernel = createKernel({
      notebookId: 'nb', projectId: 'default', owner: null, backend: 'auto',
      createWorker: () => {
        const slow = workers.length > 0;
        const w = new FakeWorker((req, self) => (slow ? setTimeout(() => standard(req, self), 30) : standard(req, self)));
        workers.push(w);
        return w;
      },
    });
    await kernel.ready();
    let readyAfterRestart: Promise<KernelInfo> | null = null;
    kernel.onEvent((e) => {
      if (e.type === 'restarted') readyAfterRestart = kernel.ready();
    });
    const restarting = kernel.restart();
    let settled = false;
    void readyAfterRestart!.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    expect(kernel.info).toBeNull();
    await restarting;
    await readyAfterRestart;
    expect(settled).toBe(true);
  });
});
