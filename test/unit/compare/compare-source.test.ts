import { describe, expect, it } from 'vitest';
import { workspaceCompareSource } from '@/components/compare/compare-source';
import { runToWire } from '@/lib/track/api';
import { makeRun } from '../../server/fixtures';

/** A fake server answering the few routes the compare source reads, counting requests. */
function fakeServer(): { fetch: typeof fetch; paths: string[] } {
  const paths: string[] = [];
  const run = makeRun({ id: 'by-id', name: 'by id', config: { lr: 0.1 } });
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://x');
    paths.push(url.pathname + url.search);
    if (url.pathname === '/api/v1/runs/query') {
      const row = { id: 'from-filter', name: 'filtered', status: 'finished', owner: null, projectId: 'default', sweepId: null, createdAt: 1, updatedAt: 2, finishedAt: 2, tags: {}, notes: null, params: { lr: 0.01 }, metrics: { loss: { last: 'NaN', min: 0.1, max: 2 } }, deletedAt: null, backend: 'cpu' };
      return json({ rows: [row], total: 250, nextCursor: 'c' });
    }
    if (url.pathname === '/api/v1/runs/by-id') return json({ run: runToWire(run) });
    if (url.pathname === '/api/v1/runs/by-id/metrics/keys') return json({ keys: [{ key: 'loss', count: 3, minStep: 0, maxStep: 2, last: 0.5, min: 0.5, max: 'Infinity' }] });
    if (url.pathname === '/api/v1/runs/by-id/artifacts') return json({ artifacts: [] });
    if (url.pathname.endsWith('/metrics/history')) return json({ runId: 'by-id', key: 'loss', downsampled: false, bucketWidth: 1, points: [{ step: 0, value: 1, timeMs: 5 }] });
    return json({ error: { code: 'not_found', message: 'run gone not found' } }, 404);
  }) as typeof fetch;
  return { fetch: fetchFn, paths };
}

describe('workspaceCompareSource', () => {
  it('joins a filter’s runs and explicit ids, reports missing ids and a capped match count', async () => {
    const server = fakeServer();
    const source = workspaceCompareSource({ baseUrl: '', fetch: server.fetch }, { filter: 'params.lr < 1', ids: ['from-filter', 'by-id', 'gone'] });
    const loaded = await source.loadRuns();
    expect(loaded.runs.map((r) => [r.id, r.params.lr])).toEqual([
      ['from-filter', 0.01],
      ['by-id', 0.1],
    ]);
    expect(loaded.runs[0].metrics.loss.last).toBeNaN();
    expect(loaded.runs[1].metrics.loss.max).toBe(Number.POSITIVE_INFINITY);
    expect(loaded.missing).toEqual(['gone']);
    expect(loaded.matched).toBe(250);
    expect(server.paths[0]).toBe('/api/v1/runs/query?filter=params.lr+%3C+1&limit=100');
    // The run the filter already returned is not read again by id.
    expect(server.paths.filter((p) => p.startsWith('/api/v1/runs/from-filter'))).toEqual([]);
  });

  it('reads each history once however often a chart asks', async () => {
    const server = fakeServer();
    const source = workspaceCompareSource({ baseUrl: '', fetch: server.fetch }, { ids: ['by-id'] });
    const [a, b] = await Promise.all([source.history('by-id', 'loss', 200), source.history('by-id', 'loss', 200)]);
    expect(a).toBe(b);
    await source.history('by-id', 'loss', 200);
    expect(server.paths.filter((p) => p.includes('/metrics/history'))).toHaveLength(1);
  });
});
