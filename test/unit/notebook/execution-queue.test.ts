import { describe, expect, it } from 'vitest';
import { ExecutionQueue, type ExecutionOutcome } from '@/lib/notebook/execution-queue';

function deferred() {
  let resolve!: (o: ExecutionOutcome) => void;
  const promise = new Promise<ExecutionOutcome>((r) => (resolve = r));
  return { promise, resolve };
}

function harness(behaviour: (cellId: string) => Promise<ExecutionOutcome>) {
  const log: string[] = [];
  const queue = new ExecutionQueue(
    (id) => {
      log.push(`exec ${id}`);
      return behaviour(id);
    },
    {
      started: (id) => log.push(`start ${id}`),
      finished: (id, status) => log.push(`finish ${id} ${status}`),
      cancelled: (ids) => log.push(`cancel ${ids.join(',')}`),
    },
  );
  return { queue, log };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ExecutionQueue', () => {
  it('runs cells one at a time in order', async () => {
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const { queue, log } = harness((id) => {
      const d = deferred();
      gates.set(id, d);
      return d.promise;
    });
    queue.enqueue(['a', 'b']);
    queue.enqueue(['b', 'c']); // b is already waiting
    await flush();
    expect(log).toEqual(['start a', 'exec a']);
    expect(queue.running).toBe('a');
    expect(queue.queued).toEqual(['b', 'c']);
    gates.get('a')!.resolve({ ok: true });
    await flush();
    gates.get('b')!.resolve({ ok: true });
    await flush();
    gates.get('c')!.resolve({ ok: true });
    await flush();
    expect(log).toEqual(['start a', 'exec a', 'finish a done', 'start b', 'exec b', 'finish b done', 'start c', 'exec c', 'finish c done']);
    expect(queue.running).toBeNull();
  });

  it('stops the queue at a failing cell, as Run all does in Jupyter', async () => {
    const { queue, log } = harness(async (id) => (id === 'b' ? { ok: false, error: { name: 'TypeError', message: 'x', line: 1, column: 1 } } : { ok: true }));
    queue.enqueue(['a', 'b', 'c', 'd']);
    await flush();
    expect(log).toEqual(['start a', 'exec a', 'finish a done', 'start b', 'exec b', 'finish b error', 'cancel c,d']);
  });

  it('reports interrupted and restarted cells as stopped, and a thrown executor as an error', async () => {
    const { queue, log } = harness(async (id) => {
      if (id === 'a') return { ok: false, error: { name: 'Interrupted', message: 'Stopped', line: null, column: null } };
      if (id === 'b') return { ok: false, error: { name: 'KernelRestarted', message: 'gone', line: null, column: null } };
      throw new Error('kernel is disposed');
    });
    queue.enqueue(['a']);
    await flush();
    queue.enqueue(['b']);
    await flush();
    queue.enqueue(['c']);
    await flush();
    expect(log.filter((l) => l.startsWith('finish'))).toEqual(['finish a stopped', 'finish b stopped', 'finish c error']);
  });

  it('cancelPending drops waiting cells but not the running one', async () => {
    const d = deferred();
    const { queue, log } = harness(() => d.promise);
    queue.enqueue(['a', 'b', 'c']);
    await flush();
    expect(queue.cancelPending()).toEqual(['b', 'c']);
    expect(queue.cancelPending()).toEqual([]);
    d.resolve({ ok: true });
    await flush();
    expect(log).toEqual(['start a', 'exec a', 'cancel b,c', 'finish a done']);
  });
});
