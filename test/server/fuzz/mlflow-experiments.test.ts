import { describe, it } from 'vitest';
import { BACKENDS } from '../harness';
import { expectHealthy } from './fuzz-server';
import { MLFLOW, mlflowCases, mlflowFuzzSuite } from './mlflow-fixture';

/** Property-based fuzz of MLflow's experiment endpoints (issue 10): never a 5xx, errors in MLflow's shape. */
describe.each(BACKENDS)('fuzz: MLflow experiments (%s)', (backend) => {
  const suite = mlflowFuzzSuite(backend);

  const search = { max_results: 10, filter: "name LIKE 'fu%' AND tags.team = 'a'", order_by: ['name DESC', 'creation_time'], view_type: 'ALL' };
  mlflowCases(suite.server, suite.fixture, [
    { method: 'POST', path: 'experiments/create', seeds: () => [{ name: 'made by fuzz', artifact_location: 's3://x', tags: [{ key: 'k', value: 'v' }] }], expectAccepted: false },
    { method: 'GET', path: 'experiments/get', seeds: (f) => [{ experiment_id: f.experimentId }, { experiment_id: '0' }] },
    { method: 'GET', path: 'experiments/get-by-name', seeds: () => [{ experiment_name: 'fuzz' }, { experiment_name: 'Default' }] },
    { method: 'POST', path: 'experiments/search', seeds: () => [search, { max_results: '5', page_token: '' }] },
    { method: 'GET', path: 'experiments/search', seeds: () => [search] },
    { method: 'GET', path: 'experiments/list', seeds: () => [{ max_results: 3, view_type: 'ACTIVE_ONLY' }, {}] },
    { method: 'POST', path: 'experiments/update', seeds: (f) => [{ experiment_id: f.experimentId, new_name: 'fuzz' }] },
    { method: 'POST', path: 'experiments/set-experiment-tag', seeds: (f) => [{ experiment_id: f.experimentId, key: 'k', value: 'v' }] },
    { method: 'POST', path: 'experiments/delete-experiment-tag', seeds: (f) => [{ experiment_id: f.experimentId, key: 'k' }], expectAccepted: false },
    { method: 'POST', path: 'experiments/delete', seeds: (f) => [{ experiment_id: f.spareExperimentId }], expectAccepted: false },
    { method: 'POST', path: 'experiments/restore', seeds: (f) => [{ experiment_id: f.spareExperimentId }], expectAccepted: false },
  ]);

  it('still answers its health check and lists afterwards', async () => {
    const s = suite.server();
    await expectHealthy(s, ['/api/v1/runs', '/api/v1/projects', `${MLFLOW}experiments/search?max_results=1000`, `${MLFLOW}experiments/list`]);
  });
});
