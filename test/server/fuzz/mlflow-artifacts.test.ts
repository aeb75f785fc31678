import { describe, expect, it } from 'vitest';
import { mlflowArtifactRoutes } from '@/lib/server/mlflow/artifacts/proxy-routes';
import { BACKENDS } from '../harness';
import { expectHealthy, FUZZ_TIMEOUT_MS } from './fuzz-server';
import { MLFLOW, mlflowCases, mlflowFuzzSuite } from './mlflow-fixture';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of MLflow's artifact proxy, artifacts/list, runs/log-model, runs/log-inputs and get-history-bulk-interval (issue 15). */
describe.each(BACKENDS)('fuzz: MLflow artifacts (%s)', (backend) => {
  const suite = mlflowFuzzSuite(backend);

  mlflowCases(suite.server, suite.fixture, [
    {
      method: 'POST',
      path: 'runs/log-model',
      seeds: (f) => [{ run_id: f.runId, model_json: JSON.stringify({ artifact_path: 'model', flavors: { onnx: { data: 'model.onnx' } }, run_id: f.runId, utc_time_created: '2026-12-07 02:30:00.000000' }) }],
    },
    {
      method: 'POST',
      path: 'runs/log-inputs',
      seeds: (f) => [
        { run_id: f.runId, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'mnist', digest: 'a1b2', source_type: 'http', source: '{}' } }] },
        { run_id: f.runId, datasets: [] },
      ],
    },
    { method: 'GET', path: 'artifacts/list', seeds: (f) => [{ run_id: f.runId }, { run_id: f.runId, path: 'model' }] },
    {
      method: 'GET',
      path: 'metrics/get-history-bulk-interval',
      seeds: (f) => [{ run_ids: [f.runId], metric_key: 'loss' }, { run_ids: [f.runId, f.spareRunId], metric_key: 'loss', start_step: 0, end_step: 1, max_results: 1 }],
    },
  ]);

  it(
    'the artifact proxy with fuzzed paths, queries and bodies',
    async () => {
      const s = suite.server();
      const root = `0/${suite.fixture().runId}/artifacts`;
      expect((await s.call({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/${root}/model/MLmodel`, body: 'flavors: {}\n', contentType: 'application/octet-stream' })).status).toBe(200);
      const cases = await fuzzRoutePaths(s, { routes: mlflowArtifactRoutes, known: { path: [root, `${root}/model`, `${root}/model/MLmodel`] }, queryNames: ['path'] });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers afterwards', async () => {
    const [s, fx] = [suite.server(), suite.fixture()];
    await expectHealthy(s, [`${MLFLOW}runs/get?run_id=${fx.runId}`, `${MLFLOW}artifacts/list?run_id=${fx.runId}`]);
  });
});
