import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../harness';
import { expectHealthy } from './fuzz-server';
import { MLFLOW, mlflowCases, mlflowFuzzSuite, mlflowOk } from './mlflow-fixture';

/** Property-based fuzz of MLflow's registry endpoints (issue 15): never a 5xx, MLflow's error shape, valid calls land. */
describe.each(BACKENDS)('fuzz: MLflow model registry (%s)', (backend) => {
  const suite = mlflowFuzzSuite(backend);
  beforeAll(async () => {
    const s = suite.server();
    await mlflowOk(s, 'registered-models/create', { name: 'fz' });
    await mlflowOk(s, 'registered-models/create', { name: 'spare-model' });
    await mlflowOk(s, 'model-versions/create', { name: 'fz', source: `runs:/${suite.fixture().runId}/model`, run_id: suite.fixture().runId });
  });

  const source = (runId: string) => ({ name: 'fz', source: `runs:/${runId}/model`, run_id: runId });
  mlflowCases(suite.server, suite.fixture, [
    { method: 'POST', path: 'registered-models/create', seeds: () => [{ name: 'new-model', description: 'd', tags: [{ key: 'k', value: 'v' }] }], expectAccepted: false },
    { method: 'POST', path: 'model-versions/create', seeds: (f) => [source(f.runId), { ...source(f.runId), tags: [{ key: 'k', value: 'v' }], description: 'd' }] },
    { method: 'PATCH', path: 'registered-models/update', seeds: () => [{ name: 'fz', description: 'x' }] },
    { method: 'PATCH', path: 'model-versions/update', seeds: () => [{ name: 'fz', version: '1', description: 'x' }] },
    { method: 'POST', path: 'registered-models/set-tag', seeds: () => [{ name: 'fz', key: 'team', value: 'v' }] },
    { method: 'POST', path: 'model-versions/set-tag', seeds: () => [{ name: 'fz', version: '1', key: 'ok', value: 'yes' }] },
    { method: 'POST', path: 'registered-models/alias', seeds: () => [{ name: 'fz', alias: 'champion', version: '1' }] },
    { method: 'DELETE', path: 'registered-models/delete-tag', seeds: () => [{ name: 'fz', key: 'team' }], expectAccepted: false },
    { method: 'POST', path: 'registered-models/get-latest-versions', seeds: () => [{ name: 'fz' }, { name: 'fz', stages: ['None'] }] },
    { method: 'GET', path: 'registered-models/search', seeds: () => [{ filter: "name LIKE 'f%'" }, { max_results: 1 }] },
    { method: 'GET', path: 'model-versions/search', seeds: (f) => [{ filter: `run_id = '${f.runId}'` }, { filter: "name = 'fz'", max_results: 2 }] },
    { method: 'GET', path: 'model-versions/get-download-uri', seeds: () => [{ name: 'fz', version: '1' }] },
    { method: 'GET', path: 'registered-models/alias', seeds: () => [{ name: 'fz', alias: 'champion' }], expectAccepted: false },
    // Last, on its own model: a fuzzed rename moves it away.
    { method: 'POST', path: 'registered-models/rename', seeds: () => [{ name: 'spare-model', new_name: 'spare-model' }] },
  ]);

  it('still answers afterwards, version numbers without repeats', async () => {
    const s = suite.server();
    await expectHealthy(s, [`${MLFLOW}registered-models/search`, `${MLFLOW}model-versions/search`]);
    const versions = (await s.tracking.services.registry.listVersions('fz')).map((v) => v.version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
