import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { createClass, join } from '../classroom/helpers';
import { replayExchange, type Exchange } from './exchange';
import { expectMlflowError, mlflowRest, type MlflowRest } from './helpers';

const load = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'exchanges', name), 'utf8')) as Exchange;
const logged = load('log-artifacts-and-model.json');
const registry = load('register-model.json');

/**
 * MLflow's registry REST API through the same RegistryRepo as /api/v1/models: the client's
 * register_model + MlflowClient sequence (a recorded exchange), the lineage and the servable ONNX
 * file a registered logged model gets, MLflow's error codes, students refused.
 */
describe.each(BACKENDS)('MLflow model registry REST (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
  });
  afterAll(async () => s?.close());

  it('serves register_model and MlflowClient registry calls as the MLflow client sends them', async () => {
    const vars = await replayExchange(s, logged);
    await replayExchange(s, registry, vars);
  });

  it('records the run lineage and makes a logged ONNX model servable: the file lands in the run artifacts', async () => {
    const vars = await replayExchange(s, logged);
    await api.ok('registered-models/create', { name: 'served' });
    const created = await api.ok('model-versions/create', { name: 'served', source: `mlflow-artifacts:/${vars.root}/model`, run_id: vars.run_id });
    expect(created).toMatchObject({ model_version: { version: '1' } });
    const detail = await (await s.api('/api/v1/models/served')).json();
    const v = detail.versions[0];
    expect(v).toMatchObject({ format: 'onnx', runId: vars.run_id, lineage: { runId: vars.run_id } });
    const bytes = await s.api(`/api/v1/runs/${v.artifact.runId}/artifacts/${v.artifact.artifactId}`);
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(Buffer.from('CAcSB3B5dG9yY2g6AA==', 'base64'));
    // A source that is not an ONNX model stays an 'mlflow' version with no servable file.
    await s.api(`/api/2.0/mlflow-artifacts/artifacts/${vars.root}/sk/MLmodel`, { method: 'PUT', body: 'flavors:\n  sklearn:\n    pickled_model: model.pkl\n' });
    const other = await api.ok('model-versions/create', { name: 'served', source: `runs:/${vars.run_id}/sk`, run_id: vars.run_id });
    expect(other).toMatchObject({ model_version: { version: '2' } });
    const v2 = (await (await s.api('/api/v1/models/served')).json()).versions[0];
    expect(v2).toMatchObject({ version: 2, format: 'mlflow', artifact: null });
  });

  it("answers mistakes with MLflow's codes and statuses", async () => {
    await api.ok('registered-models/create', { name: 'codes' });
    expectMlflowError(await api.post('model-versions/create', { name: 'nope', source: 'runs:/x/m' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.post('model-versions/create', { name: 'codes' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('registered-models/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('registered-models/create', { name: 'a/b' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.get('model-versions/get', { name: 'codes', version: '7' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('model-versions/get', { name: 'codes', version: 'x' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('registered-models/alias', { name: 'codes', alias: 'latest', version: '1' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('registered-models/alias', { name: 'codes', alias: 'champion', version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.post('registered-models/rename', { name: 'codes', new_name: 'codes' + '/x' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.get('registered-models/search', { filter: "name = 'x' OR name = 'y'" }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.get('model-versions/search', { filter: 'metrics.acc > 1' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('model-versions/transition-stage', { name: 'codes', version: '1', stage: 'Production' }), 400, 'INVALID_PARAMETER_VALUE');
    const patch = await s.api('/api/2.0/mlflow/registered-models/update', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(patch.status).toBe(405);
  });

  it('refuses students with PERMISSION_DENIED', async () => {
    const c = await createClass(s);
    const student = await join(s, c.code, 'Ada');
    const res = await student.api('/api/2.0/mlflow/registered-models/create', { method: 'POST', body: JSON.stringify({ name: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error_code).toBe('PERMISSION_DENIED');
  });
});
