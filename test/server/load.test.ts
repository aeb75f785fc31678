import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '@/bench/lib/load-writers';
import { BACKENDS, startTestServer, type TestServer } from './harness';

/**
 * `npm run bench:load` in small (10 writers × 200 points, concurrently, as the sync client sends
 * them): every request answered 2xx and every point stored once. No timing is asserted here
 * (the shared CI machine decides that); the bench prints the latencies.
 */
describe.each(BACKENDS)('concurrent writers (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it('10 writers × 200 points: 0 errors, 0 points lost', async () => {
    const result = await runLoad({ baseUrl: s.url, token: s.token, writers: 10, pointsPerWriter: 200, pointsPerRequest: 30 });
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.pointsWritten).toBe(2_000);
    expect(result.pointsStored).toBe(2_000);
    expect(result.pointsLost).toBe(0);
    // Per writer: run PUT, ceil(200 / 30) = 7 metric batches, a heartbeat after every third but the last, final PUT.
    expect(result.requests).toBe(10 * (1 + 7 + 2 + 1));
  });
});
