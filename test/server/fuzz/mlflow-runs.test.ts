import { describe, it } from 'vitest';
import { BACKENDS } from '../harness';
import { expectHealthy } from './fuzz-server';
import { MLFLOW, mlflowCases, mlflowFuzzSuite } from './mlflow-fixture';

/** Property-based fuzz of MLflow's run endpoints (issue 10); logging and history are in mlflow-logging.test.ts. */
describe.each(BACKENDS)('fuzz: MLflow runs (%s)', (backend) => {
  const suite = mlflowFuzzSuite(backend);

  mlflowCases(suite.server, suite.fixture, [
    {
      method: 'POST',
      path: 'runs/create',
      seeds: (f) => [
        { experiment_id: f.experimentId, user_id: 'me', run_name: 'fz', start_time: 1_700_000_000_000, tags: [{ key: 'mlflow.user', value: 'me' }] },
        { experiment_id: '0', tags: [{ key: 'mlflow.runName', value: 'n' }] },
      ],
    },
    { method: 'GET', path: 'runs/get', seeds: (f) => [{ run_id: f.runId }, { run_uuid: f.runId }] },
    { method: 'POST', path: 'runs/update', seeds: (f) => [{ run_id: f.runId, status: 'RUNNING', end_time: 1_700_000_000_500, run_name: 'renamed' }, { run_uuid: f.runId, status: 1 }] },
    {
      method: 'POST',
      path: 'runs/search',
      seeds: (f) => [
        { experiment_ids: [f.experimentId], filter: "metrics.loss < 1 AND params.lr = '0.1' AND attributes.status = 'RUNNING'", order_by: ['metrics.loss ASC', 'start_time DESC'], max_results: 5, run_view_type: 'ALL' },
        { experiment_ids: [f.experimentId, '0'], filter: "tags.note LIKE '%x%' and run_name ILIKE 'R%'", page_token: '' },
      ],
    },
    { method: 'POST', path: 'runs/delete', seeds: (f) => [{ run_id: f.spareRunId }] },
    { method: 'POST', path: 'runs/restore', seeds: (f) => [{ run_id: f.spareRunId }] },
  ]);

  it('still answers its health check and lists afterwards', async () => {
    const [s, fx] = [suite.server(), suite.fixture()];
    await expectHealthy(s, ['/api/v1/runs', `/api/v1/runs/${fx.runId}`, `${MLFLOW}runs/get?run_id=${fx.runId}`]);
    const search = await s.send('POST', `${MLFLOW}runs/search`, { experiment_ids: [fx.experimentId, '0'], max_results: 1000 });
    if (search.status !== 200) throw new Error(`runs/search after fuzzing → ${search.status} ${search.text.slice(0, 300)}`);
  });
});
