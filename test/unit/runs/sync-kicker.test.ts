import { describe, expect, it } from 'vitest';
import { createSyncKicker } from '@/lib/runs/sync-kicker';
import type { KernelEvent } from '@/lib/kernel/protocol';
import { createSyncClient } from '@/lib/track/sync';
import { makeRun } from '../track/fixtures';
import { MemoryRunStore } from '../../server/memory-run-store';

const run = makeRun({ id: 'run-kick' });
const finished: KernelEvent = { type: 'run-finished', cellId: 'c', runId: run.id, status: 'finished', reason: null };
const metrics: KernelEvent = { type: 'metrics', runId: run.id, points: [{ key: 'loss', step: 0, value: 1 }] };

describe('waking the sync loop from kernel events', () => {
  it('kicks at once on run start and finish, and on new points at most once per gap', () => {
    let t = 0;
    const kicks: number[] = [];
    const onEvent = createSyncKicker({ kick: () => kicks.push(t), metricsGapMs: 1000, now: () => t });
    onEvent({ type: 'run-started', cellId: 'c', run });
    for (t = 0; t <= 2500; t += 50) onEvent(metrics);
    onEvent({ type: 'log', level: 'info', message: 'x' });
    onEvent(finished);
    expect(kicks).toEqual([0, 0, 1000, 2000, 2550]);
  });

  it('a finished run reaches the server at once, not after the idle poll', async () => {
    const store = new MemoryRunStore();
    const requests: { path: string; at: number }[] = [];
    const client = createSyncClient({
      store, baseUrl: 'http://sync.test', token: null, idlePollMs: 60_000,
      fetch: async (input, init) => {
        requests.push({ path: `${init?.method} ${new URL(String(input)).pathname}`, at: Date.now() });
        return new Response(JSON.stringify({ run: { id: run.id }, accepted: 0 }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    client.start();
    await new Promise((r) => setTimeout(r, 50)); // first pass: empty outbox, now asleep for 60 s
    await store.putRun({ ...run, status: 'finished' });
    const kickedAt = Date.now();
    createSyncKicker({ kick: () => client.kick() })(finished);
    for (let i = 0; i < 100 && requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await client.stop();
    expect(requests[0]?.path).toBe(`PUT /api/v1/runs/${run.id}`);
    expect(requests[0].at - kickedAt).toBeLessThan(1000);
  });
});
