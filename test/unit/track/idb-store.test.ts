import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openIdbRunStore, type IdbRunStore } from '@/lib/track/idb-store';
import { freshDbName, makeArtifact, makeRun } from './fixtures';

let store: IdbRunStore;
afterEach(() => store?.close());

const point = (key: string, step: number, value: number, runId = 'run-1') => ({ runId, key, step, value, timeMs: step });

describe('IndexedDB run store', () => {
  it('puts, gets and lists runs newest first, filtered by project and sweep', async () => {
    store = await openIdbRunStore(freshDbName());
    await store.putRun(makeRun({ id: 'a', createdAt: 1 }));
    await store.putRun(makeRun({ id: 'b', createdAt: 3, sweepId: 's1' }));
    await store.putRun(makeRun({ id: 'c', createdAt: 2, projectId: 'other' }));
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect((await store.listRuns({ projectId: 'default' })).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await store.listRuns({ sweepId: 's1' })).map((r) => r.id)).toEqual(['b']);
    expect((await store.getRun('c'))?.projectId).toBe('other');
    expect(await store.getRun('missing')).toBeUndefined();
  });

  it('keys metrics by (run, key, step): re-sending a point replaces it; NaN and Infinity survive', async () => {
    store = await openIdbRunStore(freshDbName());
    await store.appendMetrics([point('loss', 0, 1), point('loss', 1, Number.NaN), point('acc', 0, 0.5)]);
    await store.appendMetrics([point('loss', 0, 0.9), point('loss', 2, Number.POSITIVE_INFINITY), point('loss', 0, 2, 'run-2')]);
    const loss = await store.getMetrics('run-1', 'loss');
    expect(loss.map((p) => [p.step, p.value])).toEqual([[0, 0.9], [1, Number.NaN], [2, Number.POSITIVE_INFINITY]]);
    const all = await store.getMetrics('run-1');
    expect(all.map((p) => `${p.key}@${p.step}`)).toEqual(['acc@0', 'loss@0', 'loss@1', 'loss@2']);
    expect(await store.metricKeys('run-1')).toEqual(['acc', 'loss']);
    expect(await store.metricKeys('run-2')).toEqual(['loss']);
    expect(await store.metricKeys('none')).toEqual([]);
  });

  it('enqueues an outbox entry with every write, one metrics entry per run per call, and acks them', async () => {
    store = await openIdbRunStore(freshDbName());
    await store.putRun(makeRun());
    await store.appendMetrics([point('loss', 0, 1), point('loss', 1, 0.5), point('loss', 0, 3, 'run-2')]);
    const bytes = new Uint8Array([1, 2, 3]);
    await store.putArtifact(makeArtifact(bytes), bytes);
    const entries = await store.outboxPeek(10);
    expect(entries.map((e) => [e.kind, e.runId])).toEqual([['run', 'run-1'], ['metrics', 'run-1'], ['metrics', 'run-2'], ['artifact', 'run-1']]);
    const seqs = entries.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const metricsEntry = entries[1];
    expect(metricsEntry.kind === 'metrics' && metricsEntry.points.length).toBe(2);
    expect(await store.outboxCount()).toBe(4);
    expect(await store.outboxCount('run-2')).toBe(1);
    expect((await store.outboxPeek(2)).length).toBe(2);
    await store.outboxAck([seqs[0], seqs[1]]);
    expect((await store.outboxPeek(10)).map((e) => e.seq)).toEqual(seqs.slice(2));
  });

  it('stores artifact bytes apart from metadata and refuses a size mismatch', async () => {
    store = await openIdbRunStore(freshDbName());
    const bytes = new Uint8Array([9, 8, 7, 6]);
    await store.putArtifact(makeArtifact(bytes, { id: 'x2', createdAt: 2 }), bytes);
    await store.putArtifact(makeArtifact(bytes, { id: 'x1', createdAt: 1 }), bytes);
    expect((await store.listArtifacts('run-1')).map((a) => a.id)).toEqual(['x1', 'x2']);
    const got = await store.getArtifact('x2');
    expect(Array.from(got!.bytes)).toEqual([9, 8, 7, 6]);
    await expect(store.putArtifact(makeArtifact(bytes, { sizeBytes: 5 }), bytes)).rejects.toThrow(/sizeBytes is 5 but 4/);
    expect(await store.outboxCount()).toBe(2);
  });

  it('deleteRun removes the run, its metrics, artifacts and pending outbox entries, and nothing else', async () => {
    store = await openIdbRunStore(freshDbName());
    const bytes = new Uint8Array([1]);
    await store.putRun(makeRun({ id: 'run-1' }));
    await store.putRun(makeRun({ id: 'run-2' }));
    await store.appendMetrics([point('loss', 0, 1), point('loss', 0, 1, 'run-2')]);
    await store.putArtifact(makeArtifact(bytes), bytes);
    await store.deleteRun('run-1');
    expect(await store.getRun('run-1')).toBeUndefined();
    expect(await store.getMetrics('run-1')).toEqual([]);
    expect(await store.getArtifact('art-1')).toBeUndefined();
    expect(await store.outboxCount('run-1')).toBe(0);
    expect(await store.getMetrics('run-2')).toHaveLength(1);
    expect(await store.outboxCount('run-2')).toBe(2);
  });

  it('persists across reopen of the same database', async () => {
    const name = freshDbName();
    store = await openIdbRunStore(name);
    await store.putRun(makeRun());
    store.close();
    store = await openIdbRunStore(name);
    expect((await store.getRun('run-1'))?.name).toBe('test run');
  });
});
