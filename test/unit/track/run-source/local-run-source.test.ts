import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openIdbRunStore, type IdbRunStore } from '@/lib/track/idb-store';
import { downsampleHistory, summarizeSeries } from '@/lib/track/run-source/downsample';
import { localRunSource } from '@/lib/track/run-source/local-run-source';
import type { MetricPoint } from '@/lib/track/schemas';
import { freshDbName, makeArtifact, makeRun } from '../fixtures';

const series = (values: number[], key = 'loss'): MetricPoint[] => values.map((value, step) => ({ runId: 'run-1', key, step, value, timeMs: step * 10 }));

describe('downsampleHistory (a local chart drawn like a server one)', () => {
  it('returns the points themselves when they fit', () => {
    expect(downsampleHistory('loss', series([3, 2, 1]), 3)).toEqual({ key: 'loss', downsampled: false, bucketWidth: 1, points: [0, 1, 2].map((step) => ({ step, value: 3 - step, timeMs: step * 10 })) });
  });

  it('keeps each bucket\'s last point, its min and max (NaN ignored), and every point counted', () => {
    const h = downsampleHistory('loss', series([5, Number.NaN, 9, 1, Number.NaN, Number.NaN, 2]), 3);
    expect(h.bucketWidth).toBe(3);
    expect(h.points).toEqual([
      { step: 2, value: 9, timeMs: 20, min: 5, max: 9, count: 3 },
      { step: 5, value: Number.NaN, timeMs: 50, min: 1, max: 1, count: 3 },
      { step: 6, value: 2, timeMs: 60, min: 2, max: 2, count: 1 },
    ]);
    // A bucket of NaN only has NaN bounds.
    expect(downsampleHistory('x', series([Number.NaN, Number.NaN, 1, 1]), 2).points[0]).toMatchObject({ min: Number.NaN, max: Number.NaN, count: 2 });
  });

  it('never returns more than maxPoints, whatever the step range', () => {
    for (const [from, n, max] of [[7, 1_001, 10], [0, 100_000, 1_000], [999, 5, 2], [13, 97, 7]]) {
      const points = Array.from({ length: n }, (_, i): MetricPoint => ({ runId: 'r', key: 'k', step: from + i * 3, value: i, timeMs: i }));
      const h = downsampleHistory('k', points, max);
      expect(h.points.length).toBeLessThanOrEqual(max);
      expect(h.points.reduce((c, p) => c + (p.count ?? 1), 0)).toBe(n);
      expect(h.points.at(-1)!.value).toBe(n - 1);
    }
    expect(() => downsampleHistory('k', series([1]), 0)).toThrow(/maxPoints/);
  });

  it('summarizeSeries: count, last, min, max with NaN ignored (NaN when all are NaN)', () => {
    expect(summarizeSeries('k', series([2, Number.NaN, -1, 4, Number.NaN]))).toEqual({ key: 'k', count: 5, last: Number.NaN, min: -1, max: 4 });
    expect(summarizeSeries('k', series([Number.NaN]))).toMatchObject({ min: Number.NaN, max: Number.NaN });
    expect(summarizeSeries('k', [])).toMatchObject({ count: 0, last: Number.NaN });
  });
});

describe('localRunSource (a run in this browser\'s IndexedDB)', () => {
  let store: IdbRunStore;
  afterEach(() => store?.close());

  it('follows a running run: each load sees the points logged since, read once from IndexedDB', async () => {
    store = await openIdbRunStore(freshDbName());
    let reads = 0;
    const counting = { ...store, getRun: store.getRun.bind(store), listArtifacts: store.listArtifacts.bind(store), getArtifact: store.getArtifact.bind(store), getMetricsAfter: (id: string, after: Readonly<Record<string, number>>) => (reads++, store.getMetricsAfter(id, after)) };
    const source = localRunSource({ runId: 'run-1', store: async () => counting });
    await store.putRun(makeRun());
    await store.appendMetrics(series([4, 3]));
    expect((await source.load())?.metricKeys).toEqual([{ key: 'loss', count: 2, last: 3, min: 3, max: 4 }]);
    await store.appendMetrics([...series([4, 3, 2]).slice(2), ...series([0.5], 'val/acc')]);
    reads = 0;
    // The page asks for the run and for every chart at once: one IndexedDB read serves them all.
    const [snap, loss, acc] = await Promise.all([source.load(), source.history('loss', 100), source.history('val/acc', 100)]);
    expect(reads).toBe(1);
    expect(snap?.metricKeys.map((k) => `${k.key}:${k.count}`)).toEqual(['loss:3', 'val/acc:1']);
    expect(loss.points.map((p) => p.value)).toEqual([4, 3, 2]);
    expect(acc.points).toEqual([{ step: 0, value: 0.5, timeMs: 0 }]);
    expect(await source.history('never-logged', 100)).toMatchObject({ downsampled: false, points: [] });
    expect(snap).toMatchObject({ origin: 'local', includeCode: true, run: { id: 'run-1' } });
  });

  it('downloads a file\'s bytes, undefined once they are gone; passes change events through', async () => {
    store = await openIdbRunStore(freshDbName());
    const bytes = new Uint8Array([1, 2, 3]);
    await store.putRun(makeRun());
    await store.putArtifact(makeArtifact(bytes), bytes);
    const listeners = new Set<() => void>();
    const source = localRunSource({ runId: 'run-1', store: async () => store, subscribe: (runId, f) => (expect(runId).toBe('run-1'), listeners.add(f), () => listeners.delete(f)) });
    const snap = await source.load();
    expect(snap?.artifacts.map((a) => a.name)).toEqual(['checkpoint-epoch-1']);
    expect(source.artifactHref(snap!.artifacts[0])).toBeUndefined();
    expect(await source.download(snap!.artifacts[0])).toEqual(bytes);
    expect(await source.download(makeArtifact(bytes, { id: 'gone' }))).toBeUndefined();
    let changed = 0;
    const off = source.subscribe!(() => changed++);
    listeners.forEach((f) => f());
    off();
    expect(listeners.size).toBe(0);
    expect(changed).toBe(1);
  });
});
