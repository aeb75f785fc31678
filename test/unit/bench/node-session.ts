import 'fake-indexeddb/auto';
import { afterAll } from 'vitest';
import { createBench } from '@/lib/bench/create-bench';
import * as tf from '@tensorflow/tfjs';
import type { BenchSession } from '@/lib/kernel/session';
import type { KernelEvent } from '@/lib/kernel/protocol';
import { openIdbRunStore, type IdbRunStore } from '@/lib/track/idb-store';

let dbCounter = 0;

export interface TestSession extends BenchSession {
  events: KernelEvent[];
  runStore: IdbRunStore;
  /** Makes stopRequested() true once `predicate` holds (checked on every call). */
  stopWhen(predicate: () => boolean): void;
  stopReqs: number;
}

/** A BenchSession in Node: cpu backend, fake-indexeddb, events recorded in memory. */
export async function createTestSession(params: Record<string, number | string> = {}): Promise<TestSession> {
  await tf.setBackend('cpu');
  const runStore = await openIdbRunStore(`bench-test-${process.pid}-${++dbCounter}`);
  const events: KernelEvent[] = [];
  let stopPredicate: () => boolean = () => false;
  const session: TestSession = {
    tf,
    context: { notebookId: 'nb-test', projectId: 'default', owner: 'tester', params },
    kernelInfo: () => ({ backend: 'cpu', requested: 'cpu', adapter: null, tfjsVersion: tf.version.tfjs, skipped: [] }),
    store: async () => runStore,
    emit: (e) => events.push(e),
    currentCell: () => ({ cellId: 'cell-1', notebookCells: [{ cellId: 'cell-1', source: 'await bench.train(...)' }] }),
    stopRequested: () => {
      session.stopReqs++;
      return stopPredicate();
    },
    trackRun: () => () => undefined,
    onCellError: () => undefined,
    browser: `node ${process.version}`,
    events,
    runStore,
    stopWhen(p) {
      stopPredicate = p;
    },
    stopReqs: 0,
  };
  return session;
}

export function smallModel(hidden = 8) {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: hidden, activation: 'tanh' }),
      tf.layers.dropout({ rate: 0.1 }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
}

/**
 * A test file's `setup()`: each call opens a Node kernel session with its `bench`; all of them
 * close after the file. Call once at the top level of the file.
 */
export function benchSessions(): (params?: Record<string, number | string>) => Promise<{ session: TestSession; bench: ReturnType<typeof createBench> }> {
  const sessions: TestSession[] = [];
  afterAll(() => sessions.forEach((s) => s.runStore.close()));
  return async (params) => {
    const session = await createTestSession(params);
    sessions.push(session);
    return { session, bench: createBench(session) };
  };
}
