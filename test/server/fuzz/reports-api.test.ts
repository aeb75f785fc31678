import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { reportRoutes } from '@/lib/server/reports/routes';
import { BACKENDS } from '../harness';
import { makeRun } from '../fixtures';
import { expectHealthy, expectSeedsAccepted, FUZZ_TIMEOUT_MS, fuzzBodies, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of /api/v1/reports and report share links (issue 13): never a 5xx, 4xx in the error shape. */
describe.each(BACKENDS)('fuzz: /api/v1/reports (%s)', (backend) => {
  let s: FuzzServer;
  const run = makeRun({ id: 'fuzz-report-run' });
  let reportId = '';
  let token = '';
  const seeds = [
    { title: 'A study', blocks: [{ kind: 'markdown', text: 'Loss $\\mathcal{L}$' }, { kind: 'chart', metric: 'loss', x: 'step', smoothing: 0.6, logY: false }], runs: { ids: [run.id] } },
    { title: 'By filter', blocks: [{ kind: 'chart', metric: 'val/acc', x: 'relative', smoothing: 0, logY: true }], runs: { ids: [], filter: 'params.lr < 0.01' } },
  ];

  beforeAll(async () => {
    s = await startFuzzServer(backend);
    expect((await s.send('PUT', `/api/v1/runs/${run.id}`, runToWire(run))).status).toBe(200);
    expect((await s.send('POST', `/api/v1/runs/${run.id}/metrics`, { points: [{ key: 'loss', step: 0, value: 1, timeMs: 1 }] })).status).toBe(200);
    const made = await s.send('POST', '/api/v1/reports', seeds[0]);
    expect(made.status, made.text).toBe(201);
    reportId = (made.json as { report: { id: string } }).report.id;
    token = ((await s.send('POST', `/api/v1/reports/${reportId}/shares`)).json as { share: { token: string } }).share.token;
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  it(
    'POST /reports and PUT /reports/:reportId',
    async () => {
      await expectSeedsAccepted(s, 'POST', '/api/v1/reports', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/reports', seeds }))['2xx']).toBeGreaterThan(0);
      expect((await fuzzBodies(s, { method: 'PUT', path: `/api/v1/reports/${reportId}`, seeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every report route with fuzzed path parameters and query strings',
    async () => {
      const cases = await fuzzRoutePaths(s, {
        routes: reportRoutes,
        known: { reportId: [reportId], token: [token], runId: [run.id] },
        queryNames: ['key', 'maxPoints', 'minStep', 'maxStep'],
      });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers afterwards', async () => {
    await expectHealthy(s, ['/api/v1/reports', `/api/v1/reports/${reportId}`, `/api/v1/shares/${token}/report`]);
  });
});
