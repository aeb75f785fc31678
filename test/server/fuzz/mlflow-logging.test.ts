import { describe, it } from 'vitest';
import { BACKENDS } from '../harness';
import { expectHealthy } from './fuzz-server';
import { MLFLOW, mlflowCases, mlflowFuzzSuite } from './mlflow-fixture';

/** Property-based fuzz of MLflow's logging and metric-history endpoints (issue 10). */
describe.each(BACKENDS)('fuzz: MLflow logging (%s)', (backend) => {
  const suite = mlflowFuzzSuite(backend);

  const metric = { key: 'loss', value: 0.25, timestamp: 1_700_000_000_000, step: 3 };
  mlflowCases(suite.server, suite.fixture, [
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
    const [s, fx] = [suite.server(), suite.fixture()];
    await expectHealthy(s, [`/api/v1/runs/${fx.runId}`, `/api/v1/runs/${fx.runId}/metrics/keys`, `${MLFLOW}runs/get?run_id=${fx.runId}`, `${MLFLOW}metrics/get-history?run_id=${fx.runId}&metric_key=loss`]);
  });
});
