import { afterAll, beforeAll, describe, it } from 'vitest';
import { BACKENDS } from '../harness';
import { expectHealthy, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';
import { makeMlflowFixture, MLFLOW, mlflowCases, type MlflowFixture } from './mlflow-fixture';

/** Property-based fuzz of MLflow's logging and metric-history endpoints (issue 10). */
describe.each(BACKENDS)('fuzz: MLflow logging (%s)', (backend) => {
  let s: FuzzServer;
  let fx: MlflowFixture;
  beforeAll(async () => {
    s = await startFuzzServer(backend);
    fx = await makeMlflowFixture(s);
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  const metric = { key: 'loss', value: 0.25, timestamp: 1_700_000_000_000, step: 3 };
  mlflowCases(() => s, () => fx, [
    { method: 'POST', path: 'runs/log-metric', seeds: (f) => [{ run_id: f.runId, ...metric }, { run_uuid: f.runId, key: 'acc', value: 'Infinity', timestamp: '17', step: '2' }] },
    { method: 'POST', path: 'runs/log-parameter', seeds: (f) => [{ run_id: f.runId, key: 'units', value: '64' }] },
    { method: 'POST', path: 'runs/set-tag', seeds: (f) => [{ run_id: f.runId, key: 'note', value: 'y' }] },
    { method: 'POST', path: 'runs/delete-tag', seeds: (f) => [{ run_id: f.runId, key: 'note' }], expectAccepted: false },
    {
      method: 'POST',
      path: 'runs/log-batch',
      seeds: (f) => [
        { run_id: f.runId, metrics: [metric, { ...metric, key: 'acc', value: 'NaN', step: 4 }], params: [{ key: 'units', value: '64' }], tags: [{ key: 'note', value: 'z' }] },
        { run_id: f.runId, metrics: [{ key: 'x', value: '1.5e3', timestamp: 5 }] },
      ],
    },
    { method: 'GET', path: 'metrics/get-history', seeds: (f) => [{ run_id: f.runId, metric_key: 'loss' }, { run_id: f.runId, metric_key: 'loss', max_results: 1 }] },
  ]);

  it('still answers its health check and reads afterwards', async () => {
    await expectHealthy(s, [`/api/v1/runs/${fx.runId}`, `/api/v1/runs/${fx.runId}/metrics/keys`, `${MLFLOW}runs/get?run_id=${fx.runId}`, `${MLFLOW}metrics/get-history?run_id=${fx.runId}&metric_key=loss`]);
  });
});
