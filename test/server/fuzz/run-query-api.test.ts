import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { runQueryRoutes } from '@/lib/server/http/routes/run-query';
import { BACKENDS } from '../harness';
import { makeRun } from '../fixtures';
import { expectHealthy, expectSeedsAccepted, FUZZ_TIMEOUT_MS, fuzzBodies, fuzzQueries, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of the runs query API (issue 13): never a 5xx, 4xx in the error shape. */
describe.each(BACKENDS)('fuzz: runs query API (%s)', (backend) => {
  let s: FuzzServer;
  const run = makeRun({ id: 'fuzz-rq', config: { lr: 0.01, opt: 'adam', nested: { depth: 2 } }, summary: { loss: { last: Number.NaN, min: 0.1, max: Number.POSITIVE_INFINITY, step: 3, count: 4 } } });
  const QUERY_NAMES = ['filter', 'sort', 'cursor', 'limit', 'includeDeleted', 'columns'];
  const querySeeds = [
    { filter: 'params.lr < 0.01 and metrics.loss.min > 0.05 or tags.team = "a"', sort: '-metrics.loss.min,name', limit: '5' },
    { filter: 'not (status in (finished, "failed")) and name ~ "run" and createdAt > "2024-01-01"', sort: 'params.lr', columns: 'params.lr,metrics.loss', includeDeleted: 'true' },
    { filter: 'params.`odd key`.x != null', sort: 'owner,-finishedAt' },
  ];

  beforeAll(async () => {
    s = await startFuzzServer(backend);
    for (const r of [run, makeRun({ id: 'fuzz-rq-2', tags: { team: 'a' } })]) expect((await s.send('PUT', `/api/v1/runs/${r.id}`, runToWire(r))).status).toBe(200);
    expect((await s.send('POST', `/api/v1/runs/${run.id}/metrics`, { points: [{ key: 'loss', step: 0, value: 1, timeMs: 1 }] })).status).toBe(200);
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  it(
    'GET /runs/query, query.csv, query.json, columns and groups with fuzzed filters, sorts and cursors',
    async () => {
      for (const path of ['/api/v1/runs/query', '/api/v1/runs/query.csv', '/api/v1/runs/query.json', '/api/v1/runs/columns']) {
        expect((await fuzzQueries(s, { path, seeds: querySeeds, names: QUERY_NAMES }))['2xx']).toBeGreaterThan(0);
      }
      const groupSeeds = [{ by: 'params.opt', metrics: 'loss,acc', filter: 'params.lr > 0' }, { by: 'tags.team' }, { by: 'status', includeDeleted: '1' }];
      expect((await fuzzQueries(s, { path: '/api/v1/runs/groups', seeds: groupSeeds, names: ['by', 'metrics', 'filter', 'includeDeleted'] }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'PUT /runs/:runId/meta and POST /runs/bulk',
    async () => {
      const metaSeeds = [{ name: 'renamed', tags: { a: 'b' }, notes: '# notes\n$x^2$' }, { notes: null }, { tags: {} }];
      await expectSeedsAccepted(s, 'PUT', `/api/v1/runs/${run.id}/meta`, metaSeeds);
      expect((await fuzzBodies(s, { method: 'PUT', path: `/api/v1/runs/${run.id}/meta`, seeds: metaSeeds }))['2xx']).toBeGreaterThan(0);
      const bulkSeeds = [
        { action: 'tag', ids: [run.id, 'fuzz-rq-2'], tag: { key: 'picked', value: 'yes' } },
        { action: 'untag', ids: [run.id], tag: { key: 'picked' } },
        { action: 'restore', ids: ['fuzz-rq-2', 'missing-run'] },
      ];
      await expectSeedsAccepted(s, 'POST', '/api/v1/runs/bulk', bulkSeeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/runs/bulk', seeds: bulkSeeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every runs query route with fuzzed path parameters and query strings',
    async () => {
      const cases = await fuzzRoutePaths(s, { routes: runQueryRoutes, known: { runId: [run.id] }, queryNames: [...QUERY_NAMES, 'by', 'metrics'] });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers afterwards', async () => {
    // Fuzzed bulk deletes may have soft-deleted the fixture: restore it, then read everything.
    expect((await s.send('POST', '/api/v1/runs/bulk', { action: 'restore', ids: [run.id] })).status).toBe(200);
    await expectHealthy(s, ['/api/v1/runs/query', '/api/v1/runs/columns', '/api/v1/runs/groups?by=status', '/api/v1/runs/query.csv', `/api/v1/runs/${run.id}/metrics.csv`]);
  });
});
