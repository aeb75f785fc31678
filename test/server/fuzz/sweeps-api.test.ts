import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSweepRequest, FinishRequest, LeaseRequest, ReportRequest, RenewRequest, StopSweepRequest } from '@/lib/sweep/api';
import { sweepRoutes } from '@/lib/server/sweeps/routes';
import { BACKENDS } from '../harness';
import { expectHealthy, expectSeedsAccepted, FUZZ_TIMEOUT_MS, fuzzBodies, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of /api/v1/sweeps (issue 10): never a 5xx, 4xx in the error shape. */

const RANDOM_SPEC = {
  method: 'random',
  metric: { name: 'loss', goal: 'minimize' },
  parameters: {
    lr: { distribution: 'log_uniform_values', min: 0.0001, max: 0.1 },
    units: { values: [4, 8, 16] },
    opt: { value: 'adam' },
    drop: { distribution: 'q_uniform', min: 0, max: 0.5, q: 0.1 },
  },
};
const BAYES_SPEC = {
  method: 'bayes',
  metric: { name: 'acc', goal: 'maximize' },
  run_cap: 50,
  early_terminate: { type: 'hyperband', min_iter: 1, eta: 3 },
  parameters: { lr: { distribution: 'uniform', min: 0, max: 1 }, layers: { distribution: 'int_uniform', min: 1, max: 4 } },
};
const GRID_YAML = 'method: grid\nmetric: {name: loss, goal: minimize}\nparameters:\n  lr: {values: [0.1, 0.01]}\n  nested:\n    parameters:\n      a: {values: [1, 2]}\n';

describe.each(BACKENDS)('fuzz: /api/v1/sweeps (%s)', (backend) => {
  let s: FuzzServer;
  let leaseSweep = '';
  let agentSweep = '';
  let trialId = '';

  const createSweep = async (spec: unknown) => {
    const ans = await s.send('POST', '/api/v1/sweeps', { spec, name: 'fuzz' });
    expect(ans.status, ans.text).toBe(201);
    return (ans.json as { sweep: { id: string } }).sweep.id;
  };

  beforeAll(async () => {
    s = await startFuzzServer(backend);
    leaseSweep = await createSweep(RANDOM_SPEC);
    agentSweep = await createSweep(RANDOM_SPEC);
    const lease = await s.send('POST', `/api/v1/sweeps/${agentSweep}/lease`, { agentId: 'fz-agent' });
    trialId = (lease.json as { trialId: string }).trialId;
    expect(trialId).toBeTruthy();
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  /** `seedsOf` runs after beforeAll: seeds may name the fixture's sweep and trial. */
  const bodies = (name: string, path: () => string, schema: { parse(v: unknown): unknown }, seedsOf: () => unknown[]) =>
    it(
      name,
      async () => {
        const seeds = seedsOf();
        for (const seed of seeds) schema.parse(seed); // seeds are valid by the wire schema
        await expectSeedsAccepted(s, 'POST', path, seeds);
        expect((await fuzzBodies(s, { method: 'POST', path, seeds }))['2xx']).toBeGreaterThan(0);
      },
      FUZZ_TIMEOUT_MS,
    );

  bodies('POST /sweeps', () => '/api/v1/sweeps', CreateSweepRequest, () => [
    { spec: RANDOM_SPEC, name: 'r', seed: 7, leaseMs: 5_000 },
    { spec: BAYES_SPEC, projectId: 'fz', code: { cells: [{ cellId: 'c1', source: 'async function trainTrial(c) { return 1; }' }] }, functionName: 'trainTrial', notebookId: 'nb' },
    { spec: GRID_YAML, specSource: `# cell\n${GRID_YAML}` },
  ]);
  bodies('POST /sweeps/:id/lease', () => `/api/v1/sweeps/${leaseSweep}/lease`, LeaseRequest, () => [{ agentId: 'a1' }]);
  bodies('POST /sweeps/:id/renew', () => `/api/v1/sweeps/${agentSweep}/renew`, RenewRequest, () => [{ agentId: 'fz-agent', trialId }]);
  bodies('POST /sweeps/:id/report', () => `/api/v1/sweeps/${agentSweep}/report`, ReportRequest, () => [{ agentId: 'fz-agent', trialId, epoch: 1, value: 0.5, runId: 'run-1' }]);
  bodies('POST /sweeps/:id/finish', () => `/api/v1/sweeps/${agentSweep}/finish`, FinishRequest, () => [
    { agentId: 'fz-agent', trialId, status: 'finished', metric: 'NaN', reason: 'done', runId: 'run-1' },
  ]);
  bodies('POST /sweeps/:id/stop', () => `/api/v1/sweeps/${agentSweep}/stop`, StopSweepRequest, () => [{ reason: 'enough' }, {}]);

  it(
    'every sweep route with fuzzed path parameters and query strings',
    async () => {
      await fuzzRoutePaths(s, { routes: sweepRoutes, known: { sweepId: [leaseSweep, agentSweep] }, queryNames: ['projectId', 'limit'] });
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers its health check and lists afterwards', async () => {
    await expectHealthy(s, ['/api/v1/sweeps', `/api/v1/sweeps/${leaseSweep}`, `/api/v1/sweeps/${agentSweep}`]);
  });
});
