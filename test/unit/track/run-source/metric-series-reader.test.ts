import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricSeriesReader } from '@/lib/track/run-source/metric-series-reader';
import { openIdbRunStore, type IdbRunStore } from '@/lib/track/idb-store';
import type { MetricPoint } from '@/lib/track/schemas';
import { freshDbName } from '../fixtures';

let store: IdbRunStore;
afterEach(() => store?.close());

const points = (key: string, from: number, to: number, runId = 'run-1'): MetricPoint[] =>
  Array.from({ length: to - from }, (_, i) => ({ runId, key, step: from + i, value: (from + i) / 10, timeMs: from + i }));

describe('reading a running run\'s metrics incrementally', () => {
  it('getMetricsAfter returns only points after the cursor per key, and unknown keys in full', async () => {
    store = await openIdbRunStore(freshDbName());
    await store.appendMetrics([...points('loss', 0, 1000), ...points('acc', 0, 5), ...points('loss', 0, 3, 'run-2')]);
    const fresh = await store.getMetricsAfter('run-1', { loss: 997, acc: 4 });
    expect(fresh.map((p) => `${p.key}@${p.step}`)).toEqual(['loss@998', 'loss@999']);
    await store.appendMetrics(points('lr', 0, 2));
    expect((await store.getMetricsAfter('run-1', { loss: 999, acc: 4 })).map((p) => `${p.key}@${p.step}`)).toEqual(['lr@0', 'lr@1']);
    expect(await store.getMetricsAfter('none', {})).toEqual([]);
  });

  it('a reader polled while a run logs ends with exactly the stored series, reading each point once', async () => {
    store = await openIdbRunStore(freshDbName());
    const fetched: number[] = [];
    const counting = { getMetricsAfter: async (runId: string, after: Readonly<Record<string, number>>) => {
      const got = await store.getMetricsAfter(runId, after);
      fetched.push(got.length);
      return got;
    } };
    const reader = new MetricSeriesReader(counting, 'run-1');
    await store.appendMetrics([...points('batch/loss', 0, 500), ...points('val/loss', 0, 1)]);
    const first = await reader.read();
    await store.appendMetrics([...points('batch/loss', 500, 520), ...points('val/loss', 1, 2)]);
    // Two refreshes at once (a poll and an artifact event) must not add the new points twice.
    const [a, b] = await Promise.all([reader.read(), reader.read()]);
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    expect(await reader.read()).toBe(a); // nothing new: same Map, so the page does not redraw
    expect(fetched).toEqual([501, 21, 0, 0]);
    const stored = await store.getMetrics('run-1');
    expect([...a.values()].flat().sort((x, y) => (x.key === y.key ? x.step - y.step : x.key < y.key ? -1 : 1))).toEqual(stored);
    expect(a.get('batch/loss')!.map((p) => p.step)).toEqual(Array.from({ length: 520 }, (_, i) => i));
  });
});
