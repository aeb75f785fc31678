import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openIdbRunStore, type IdbRunStore } from '@/lib/track/idb-store';
import { markCrashedRuns } from '@/lib/track/crashed-runs';
import { freshDbName, makeRun } from './fixtures';

let store: IdbRunStore;
afterEach(() => store?.close());

describe('markCrashedRuns', () => {
  it('marks only stale running browser runs not owned by a live kernel, keeping their metrics', async () => {
    store = await openIdbRunStore(freshDbName());
    const now = 1_000_000;
    await store.putRun(makeRun({ id: 'stale', updatedAt: now - 60_000 }));
    await store.putRun(makeRun({ id: 'fresh', updatedAt: now - 1_000 }));
    await store.putRun(makeRun({ id: 'live', updatedAt: now - 60_000 }));
    await store.putRun(makeRun({ id: 'done', status: 'finished', updatedAt: now - 60_000 }));
    await store.putRun(makeRun({ id: 'mlflow', source: 'mlflow', updatedAt: now - 60_000 }));
    await store.appendMetrics([{ runId: 'stale', key: 'loss', step: 0, value: 1, timeMs: 0 }]);
    const before = await store.outboxCount('stale');

    const marked = await markCrashedRuns(store, { now, staleAfterMs: 30_000, liveRunIds: ['live'] });
    expect(marked.map((r) => r.id)).toEqual(['stale']);
    const stale = await store.getRun('stale');
    expect(stale?.status).toBe('crashed');
    expect(stale?.statusReason).toMatch(/no heartbeat for 60 s/);
    expect(stale?.finishedAt).toBe(now - 60_000);
    expect(await store.getMetrics('stale')).toHaveLength(1);
    expect(await store.outboxCount('stale')).toBe(before + 1);
    for (const id of ['fresh', 'live', 'done', 'mlflow']) {
      expect((await store.getRun(id))?.status).not.toBe('crashed');
    }
  });

  it('recomputes the summary from the stored points: points flushed after the last heartbeat count', async () => {
    store = await openIdbRunStore(freshDbName());
    const now = 1_000_000;
    // The last heartbeat wrote a summary after 2 points; 2 more were flushed before the tab died.
    const summary = { loss: { last: 0.8, min: 0.8, max: 1, step: 1, count: 2 } };
    await store.putRun(makeRun({ id: 'dead', updatedAt: now - 60_000, summary }));
    await store.appendMetrics(
      [1, 0.8, 0.5, 0.3].map((value, step) => ({ runId: 'dead', key: 'loss', step, value, timeMs: step })).concat([
        { runId: 'dead', key: 'acc', step: 3, value: 0.9, timeMs: 3 },
      ]),
    );

    await markCrashedRuns(store, { now, staleAfterMs: 30_000 });
    const dead = await store.getRun('dead');
    expect(dead?.status).toBe('crashed');
    expect(dead?.summary).toEqual({
      loss: { last: 0.3, min: 0.3, max: 1, step: 3, count: 4 },
      acc: { last: 0.9, min: 0.9, max: 0.9, step: 3, count: 1 },
    });
  });
});
