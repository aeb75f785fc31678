import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/**
 * Issue 10 (long histories): MLflow clients log every value at step 0 unless told otherwise, so
 * a few steps can hold any number of points. The native history read them all and answered a
 * chart's `maxPoints=1000` with every raw point. Now such a range is downsampled, reading the
 * points a page at a time.
 */
const POINTS = 60_000;

describe.each(BACKENDS)('history of a metric with many points per step (%s)', (backend) => {
  let s: TestServer;
  const run = makeRun();

  beforeAll(async () => {
    s = await startTestServer({ backend });
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    // Steps 0 and 1 only, each point with its own timestamp; the value is its index.
    for (let from = 0; from < POINTS; from += 10_000) {
      const n = Math.min(10_000, POINTS - from);
      const idx = Array.from({ length: n }, (_, i) => from + i);
      const series = [{ key: 'loss', steps: idx.map((i) => (i < POINTS / 2 ? 0 : 1)), values: idx, timesMs: idx.map((i) => 1_000 + i) }];
      expect((await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { series }))).status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => s?.close());

  it('answers maxPoints with at most that many points, each bucket summarizing its step', async () => {
    const res = await s.api(`/api/v1/runs/${run.id}/metrics/history?key=loss&maxPoints=1000`);
    expect(res.status).toBe(200);
    const h = await res.json();
    expect(h.downsampled).toBe(true);
    expect(h.points).toEqual([
      { step: 0, value: POINTS / 2 - 1, timeMs: 1_000 + POINTS / 2 - 1, min: 0, max: POINTS / 2 - 1, count: POINTS / 2 },
      { step: 1, value: POINTS - 1, timeMs: 1_000 + POINTS - 1, min: POINTS / 2, max: POINTS - 1, count: POINTS / 2 },
    ]);
  });

  it('still answers raw points when they fit', async () => {
    const h = await (await s.api(`/api/v1/runs/${run.id}/metrics/history?key=loss&maxPoints=100000`)).json();
    expect(h.downsampled).toBe(false);
    expect(h.points).toHaveLength(POINTS);
    expect(h.points[POINTS - 1]).toEqual({ step: 1, value: POINTS - 1, timeMs: 1_000 + POINTS - 1 });
  });
});
