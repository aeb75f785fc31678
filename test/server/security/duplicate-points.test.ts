import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/**
 * Issue 10: the same point twice in one batch (a client that re-queued it, MLflow's log-batch
 * repeating a metric) was counted twice in the series and its rollups while stored once; on
 * PostgreSQL the batch failed outright. A batch now keeps the last copy, as a retry would.
 */
describe.each(BACKENDS)('a point repeated inside one batch is stored and counted once (%s)', (backend) => {
  let s: TestServer;
  const newRun = async () => {
    const run = makeRun();
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    return run.id;
  };
  const post = async (runId: string, points: Array<{ key: string; step: number; value: number; timeMs: number }>) => {
    const res = await s.api(`/api/v1/runs/${runId}/metrics`, jsonInit('POST', { points }));
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const keyInfo = async (runId: string, key: string) => {
    const keys = (await (await s.api(`/api/v1/runs/${runId}/metrics/keys`)).json()).keys as Array<{ key: string }>;
    return keys.find((k) => k.key === key);
  };
  const history = async (runId: string, key: string, maxPoints: number) =>
    (await s.api(`/api/v1/runs/${runId}/metrics/history?key=${key}&maxPoints=${maxPoints}`)).json();

  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it('in a new series: count, min, max and last follow the last copy', async () => {
    const runId = await newRun();
    // Step 1 twice (a lower value last), step 0 twice (the larger value first).
    await post(runId, [
      { key: 'loss', step: 0, value: 9, timeMs: 10 },
      { key: 'loss', step: 1, value: 5, timeMs: 11 },
      { key: 'loss', step: 1, value: 2, timeMs: 11 },
      { key: 'loss', step: 0, value: 3, timeMs: 10 },
    ]);
    expect(await keyInfo(runId, 'loss')).toMatchObject({ count: 2, min: 2, max: 3, last: 2, minStep: 0, maxStep: 1 });
    const h = await history(runId, 'loss', 100);
    expect(h.points).toEqual([
      { step: 0, value: 3, timeMs: 10 },
      { step: 1, value: 2, timeMs: 11 },
    ]);
  });

  it('when appending to a series and when rewriting its steps, rollups count each point once', async () => {
    const runId = await newRun();
    const twice = (from: number, to: number, valueOf: (step: number) => number) =>
      Array.from({ length: to - from }, (_, i) => from + i).flatMap((step) => [
        { key: 'acc', step, value: -1, timeMs: 1_000 + step },
        { key: 'acc', step, value: valueOf(step), timeMs: 1_000 + step },
      ]);
    await post(runId, twice(0, 300, (step) => step)); // new series
    await post(runId, twice(300, 600, (step) => step)); // append path
    await post(runId, twice(100, 200, (step) => step + 0.5)); // rewrite path
    expect(await keyInfo(runId, 'acc')).toMatchObject({ count: 600, min: 0, max: 599, last: 599 });
    const h = await history(runId, 'acc', 4);
    expect(h.downsampled).toBe(true);
    const buckets = h.points as Array<{ count: number; min: number; max: number }>;
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(600);
    expect(Math.min(...buckets.map((b) => b.min))).toBe(0);
    expect(Math.max(...buckets.map((b) => b.max))).toBe(599);
  });
});
