import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { expectMlflowError, mlflowRest, type MlflowRest } from './helpers';

/** Error codes, statuses, MLflow's write rules and log-batch limits, over raw HTTP. */
describe.each(BACKENDS)('MLflow REST errors and rules (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  let experimentId: string;
  const newRun = async (body: Record<string, unknown> = {}) => (await api.ok('runs/create', { experiment_id: experimentId, ...body })).run.info.run_id as string;
  const history = async (run_id: string, metric_key: string) => (await api.get('metrics/get-history', { run_id, metric_key })).body.metrics;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
    experimentId = (await api.ok('experiments/create', { name: 'errors' })).experiment_id;
  });
  afterAll(async () => s?.close());

  it('answers 401 UNAUTHENTICATED without the token or with a wrong one, and 204 to a CORS preflight', async () => {
    expectMlflowError(await api.get('experiments/list', {}, { auth: false }), 401, 'UNAUTHENTICATED', /MLFLOW_TRACKING_TOKEN/);
    expectMlflowError(await api.post('runs/create', {}, { headers: { authorization: 'Bearer wrong-token' } }), 401, 'UNAUTHENTICATED', /not this workspace's token/);
    const pre = await s.api('/api/2.0/mlflow/runs/log-batch', { method: 'OPTIONS', auth: false, headers: { origin: 'https://nb.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('answers unknown endpoints with ENDPOINT_NOT_FOUND and a wrong method with 405, in MLflow JSON', async () => {
    expectMlflowError(await api.post('runs/explode', {}), 404, 'ENDPOINT_NOT_FOUND', /runs\/explode/);
    expectMlflowError(await api.get('runs/create'), 405, 'BAD_REQUEST', /use POST/);
    expectMlflowError(await api.post('runs/get', {}), 405, 'BAD_REQUEST', /use GET/);
  });

  it('refuses non-JSON, malformed JSON and non-object bodies with 400', async () => {
    const raw = (body: string, type?: string) =>
      // A Blob without a type makes fetch send no Content-Type at all.
      s.api('/api/2.0/mlflow/experiments/create', { method: 'POST', body: type ? body : new Blob([body]), headers: type ? { 'content-type': type } : {} }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expectMlflowError(await raw('{"name":"x"}', 'text/plain'), 400, 'INVALID_PARAMETER_VALUE', /Content-Type must be application\/json/);
    expectMlflowError(await raw('{"name":'), 400, 'BAD_REQUEST', /Content-Type header is missing/);
    expectMlflowError(await raw('{"name":', 'application/json'), 400, 'BAD_REQUEST', /Malformed JSON/);
    expectMlflowError(await raw('["x"]', 'application/json'), 400, 'INVALID_PARAMETER_VALUE', /JSON object/);
  });

  it('names a missing or mistyped parameter', async () => {
    expectMlflowError(await api.get('runs/get'), 400, 'INVALID_PARAMETER_VALUE', /Missing value for required parameter 'run_id'/);
    expectMlflowError(await api.post('experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE', /Missing value for required parameter 'name'/);
    const run_id = await newRun();
    expectMlflowError(await api.post('runs/log-metric', { run_id, key: 'loss', value: 'high', timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /'value'/);
    expectMlflowError(await api.post('runs/log-metric', { run_id, key: 'loss', value: 1 }), 400, 'INVALID_PARAMETER_VALUE', /required parameter 'timestamp'/);
    expectMlflowError(await api.post('runs/log-batch', { run_id, metrics: [{ key: 'a', value: 1, timestamp: 1 }, { key: 'b', value: 1, timestamp: 'soon' }] }), 400, 'INVALID_PARAMETER_VALUE', /'metrics\.1\.timestamp'/);
    expectMlflowError(await api.post('runs/update', { run_id, status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE', /'status'/);
    expectMlflowError(await api.post('runs/search', { experiment_ids: [experimentId], max_results: 50_001 }), 400, 'INVALID_PARAMETER_VALUE', /max_results.*50,000/);
    expect(await history(run_id, 'loss')).toEqual([]);
  });

  it('answers RESOURCE_DOES_NOT_EXIST (404) for unknown runs, experiments, names and tags', async () => {
    expectMlflowError(await api.get('runs/get', { run_id: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST', /Run with id=nope not found/);
    expectMlflowError(await api.get('metrics/get-history', { run_id: 'nope', metric_key: 'loss' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('experiments/get', { experiment_id: '999' }), 404, 'RESOURCE_DOES_NOT_EXIST', /No Experiment with id=999 exists/);
    expectMlflowError(await api.get('experiments/get-by-name', { experiment_name: 'never made' }), 404, 'RESOURCE_DOES_NOT_EXIST', /Could not find experiment with name 'never made'/);
    expectMlflowError(await api.post('runs/create', { experiment_id: '999' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.post('runs/delete-tag', { run_id: await newRun(), key: 'absent' }), 404, 'RESOURCE_DOES_NOT_EXIST', /No tag with name: absent/);
  });

  it('keeps experiment names unique and the default experiment undeletable', async () => {
    expectMlflowError(await api.post('experiments/create', { name: 'errors' }), 400, 'RESOURCE_ALREADY_EXISTS', /'errors' already exists/);
    expectMlflowError(await api.post('experiments/create', { name: 'Default' }), 400, 'RESOURCE_ALREADY_EXISTS');
    expectMlflowError(await api.post('experiments/create', { name: '  ' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid experiment name/);
    expectMlflowError(await api.post('experiments/delete', { experiment_id: '0' }), 400, 'INVALID_PARAMETER_VALUE', /default experiment/);
    const other = (await api.ok('experiments/create', { name: 'other' })).experiment_id;
    expectMlflowError(await api.post('experiments/update', { experiment_id: other, new_name: 'errors' }), 400, 'RESOURCE_ALREADY_EXISTS');
    await api.ok('experiments/delete', { experiment_id: other });
    expectMlflowError(await api.post('runs/create', { experiment_id: other }), 400, 'INVALID_PARAMETER_VALUE', /must be in the 'active' state/);
    expectMlflowError(await api.post('experiments/create', { name: 'other' }), 400, 'RESOURCE_ALREADY_EXISTS'); // deleted names stay taken, as in MLflow
    const byName = await api.get('experiments/get-by-name', { experiment_name: 'Default' });
    expect(byName.body.experiment).toMatchObject({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active' });
  });

  it('puts runs of experiment "0" (what a client uses when none is set) in the default project', async () => {
    for (const body of [{ experiment_id: '0' }, {}]) {
      const { run } = await api.ok('runs/create', body);
      expect(run.info.experiment_id).toBe('0');
      expect((await (await s.api(`/api/v1/runs/${run.info.run_id}`)).json()).run.projectId).toBe('default');
    }
  });

  it('lets a param be logged again with the same value, never with another; the batch that tries writes nothing', async () => {
    const run_id = await newRun();
    await api.ok('runs/log-parameter', { run_id, key: 'lr', value: '0.1' });
    await api.ok('runs/log-parameter', { run_id, key: 'lr', value: '0.1' });
    expectMlflowError(await api.post('runs/log-parameter', { run_id, key: 'lr', value: '0.2' }), 400, 'INVALID_PARAMETER_VALUE', /Changing param values is not allowed.*'0\.1'.*'0\.2'/);
    const batch = { run_id, params: [{ key: 'depth', value: '3' }, { key: 'lr', value: '0.3' }], tags: [{ key: 'stage', value: 'x' }], metrics: [{ key: 'm', value: 1, timestamp: 5 }] };
    expectMlflowError(await api.post('runs/log-batch', batch), 400, 'INVALID_PARAMETER_VALUE', /Changing param values/);
    const { run } = (await api.get('runs/get', { run_id })).body;
    expect(run.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(run.data.tags.map((t: { key: string }) => t.key)).not.toContain('stage');
    expect(run.data.metrics).toEqual([]);
    expectMlflowError(
      await api.post('runs/log-batch', { run_id, params: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Duplicate parameter keys have been submitted: \['a'\]/,
    );
    await api.ok('runs/log-batch', { run_id, params: [{ key: 'b', value: '1' }, { key: 'b', value: '1' }], tags: [{ key: 't', value: 'first' }, { key: 't', value: 'last' }] });
    const after = (await api.get('runs/get', { run_id })).body.run.data;
    expect(after.params).toContainEqual({ key: 'b', value: '1' });
    expect(after.tags).toContainEqual({ key: 't', value: 'last' });
  });

  it('enforces log-batch limits with MLflow\'s messages and stores nothing of a refused batch', async () => {
    const run_id = await newRun();
    const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: 'm', value: i, timestamp: 1_000 + i, step: i }));
    const kv = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ key: `${p}${i}`, value: 'v' }));
    expectMlflowError(await api.post('runs/log-batch', { run_id, metrics: metrics(1001) }), 400, 'INVALID_PARAMETER_VALUE', /at most 1000 metrics\. Got 1001 metrics/);
    expectMlflowError(await api.post('runs/log-batch', { run_id, params: kv(101, 'p') }), 400, 'INVALID_PARAMETER_VALUE', /at most 100 params\. Got 101 params/);
    expectMlflowError(await api.post('runs/log-batch', { run_id, tags: kv(101, 't') }), 400, 'INVALID_PARAMETER_VALUE', /at most 100 tags\. Got 101 tags/);
    expectMlflowError(
      await api.post('runs/log-batch', { run_id, metrics: metrics(900), params: kv(50, 'p'), tags: kv(51, 't') }),
      400,
      'INVALID_PARAMETER_VALUE',
      /at most 1000 metrics, params, and tags\. Got 1001/,
    );
    const bigValue = 'x'.repeat(4_900);
    const huge = { run_id, tags: kv(100, 't').map((t) => ({ ...t, value: bigValue })), params: kv(100, 'p').map((p) => ({ ...p, value: bigValue })), metrics: metrics(800) };
    expect(JSON.stringify(huge).length).toBeGreaterThan(1_000_000);
    expectMlflowError(await api.post('runs/log-batch', huge), 400, 'INVALID_PARAMETER_VALUE', /must be at most 1000000 bytes, got a request of size \d+/);
    const run = (await api.get('runs/get', { run_id })).body.run;
    expect([run.data.metrics, run.data.params]).toEqual([[], []]);

    await api.ok('runs/log-batch', { run_id, metrics: metrics(900), params: kv(50, 'p'), tags: kv(50, 't') }); // exactly 1000 items
    const stored = await history(run_id, 'm');
    expect(stored).toHaveLength(900);
    expect(stored[899]).toEqual({ key: 'm', value: 899, timestamp: 1_899, step: 899 });
  });

  it('validates metric keys, timestamps and steps, and appends repeated steps', async () => {
    const run_id = await newRun();
    expectMlflowError(await api.post('runs/log-metric', { run_id, key: 'loss!', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE', /Invalid metric name: 'loss!'/);
    expectMlflowError(await api.post('runs/log-metric', { run_id, key: 'a/../b', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('runs/log-metric', { run_id, key: 'loss', value: 1, timestamp: -5 }), 400, 'INVALID_PARAMETER_VALUE', /Timestamp must be a nonnegative/);
    expectMlflowError(await api.post('runs/log-metric', { run_id, key: 'loss', value: 1, timestamp: 1, step: -1 }), 400, 'INVALID_PARAMETER_VALUE', /steps >= 0/);
    // protobuf JSON: int64 as strings and non-finite doubles as strings are accepted.
    await api.ok('runs/log-metric', { run_id, key: 'loss', value: 'NaN', timestamp: '1700000000000', step: '3' });
    await api.ok('runs/log-metric', { run_id, key: 'loss', value: 'Infinity', timestamp: 1_700_000_000_001, step: 3 });
    await api.ok('runs/log-metric', { run_id, key: 'loss', value: -2.5, timestamp: 1_700_000_000_002 }); // step defaults to 0
    expect(await history(run_id, 'loss')).toEqual([
      { key: 'loss', value: -2.5, timestamp: 1_700_000_000_002, step: 0 },
      { key: 'loss', value: 'NaN', timestamp: 1_700_000_000_000, step: 3 },
      { key: 'loss', value: 'Infinity', timestamp: 1_700_000_000_001, step: 3 },
    ]);
    const latest = (await api.get('runs/get', { run_id })).body.run.data.metrics;
    expect(latest).toEqual([{ key: 'loss', value: 'Infinity', timestamp: 1_700_000_000_001, step: 3 }]);
  });

  it('keeps run_name and the mlflow.runName tag equal, and refuses a contradiction', async () => {
    expectMlflowError(
      await api.post('runs/create', { experiment_id: experimentId, run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /run_name='a', mlflow\.runName='b'/,
    );
    const generated = (await api.ok('runs/create', { experiment_id: experimentId })).run;
    expect(generated.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(generated.data.tags).toContainEqual({ key: 'mlflow.runName', value: generated.info.run_name });
    const run_id = generated.info.run_id;
    await api.ok('runs/set-tag', { run_id, key: 'mlflow.runName', value: 'renamed by tag' });
    expect((await api.get('runs/get', { run_id })).body.run.info.run_name).toBe('renamed by tag');
    const updated = await api.ok('runs/update', { run_id, run_name: 'renamed by update' });
    expect(updated.run_info.run_name).toBe('renamed by update');
    expect((await api.get('runs/get', { run_id })).body.run.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'renamed by update' });
    expect((await (await s.api(`/api/v1/runs/${run_id}`)).json()).run.name).toBe('renamed by update');
  });

  it('lets MLflow read a browser run but not write to it (its notebook owns it)', async () => {
    const browser = makeRun({ projectId: 'default' });
    expect((await s.api(`/api/v1/runs/${browser.id}`, jsonInit('PUT', runToWire(browser)))).status).toBe(200);
    expect((await api.get('runs/get', { run_id: browser.id })).status).toBe(200);
    for (const [path, body] of [
      ['runs/log-metric', { key: 'x', value: 1, timestamp: 1 }],
      ['runs/log-parameter', { key: 'x', value: '1' }],
      ['runs/set-tag', { key: 'x', value: '1' }],
      ['runs/update', { status: 'FINISHED' }],
    ] as const) {
      expectMlflowError(await api.post(path, { run_id: browser.id, ...body }), 400, 'INVALID_PARAMETER_VALUE', /recorded by a Benchtop notebook/);
    }
    await api.ok('runs/delete', { run_id: browser.id });
    expect((await s.api('/api/v1/runs?projectId=default')).status).toBe(200);
    expect((await (await s.api('/api/v1/runs?projectId=default')).json()).runs.map((r: { id: string }) => r.id)).not.toContain(browser.id);
    await api.ok('runs/restore', { run_id: browser.id });
    expect((await (await s.api('/api/v1/runs?projectId=default')).json()).runs.map((r: { id: string }) => r.id)).toContain(browser.id);
  });

  it('tags experiments, and refuses tags on a deleted one', async () => {
    const id = (await api.ok('experiments/create', { name: 'tagged', tags: [{ key: 'course', value: 'dl-101' }] })).experiment_id;
    await api.ok('experiments/set-experiment-tag', { experiment_id: id, key: 'term', value: 'fall' });
    await api.ok('experiments/set-experiment-tag', { experiment_id: id, key: 'term', value: 'spring' });
    expect((await api.get('experiments/get', { experiment_id: id })).body.experiment.tags).toEqual([
      { key: 'course', value: 'dl-101' },
      { key: 'term', value: 'spring' },
    ]);
    await api.ok('experiments/delete-experiment-tag', { experiment_id: id, key: 'course' });
    expectMlflowError(await api.post('experiments/delete-experiment-tag', { experiment_id: id, key: 'course' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await api.ok('experiments/delete', { experiment_id: id });
    expectMlflowError(await api.post('experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', /active/);
  });
});
