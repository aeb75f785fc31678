import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { expectMlflowError, mlflowRest, type MlflowRest } from './helpers';

/**
 * runs/log-inputs as `mlflow.log_input(dataset, context=…)` sends it (mlflow/tracking/fluent.py →
 * rest_store.log_inputs), read back in runs/get and searched with MLflow's `datasets.` filters.
 */
const mnist = (context: string, digest = 'a1b2c3d4') => ({
  tags: [{ key: 'mlflow.data.context', value: context }],
  dataset: { name: 'mnist', digest, source_type: 'http', source: '{"url": "https://example.org/mnist.npz"}', schema: '{"mlflow_tensorspec": {}}', profile: '{"num_rows": 60000}' },
});

describe.each(BACKENDS)('MLflow runs/log-inputs and dataset filters (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  let trained: string;
  let evaluated: string;
  const search = async (filter: string) => {
    const res = await api.post('runs/search', { experiment_ids: ['0'], filter });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.runs ?? []).map((r) => r.info.run_id).sort();
  };
  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
    const run = async () => (await api.ok('runs/create', { experiment_id: '0', start_time: 1 })).run.info.run_id;
    trained = await run();
    evaluated = await run();
    await api.ok('runs/log-inputs', { run_id: trained, datasets: [mnist('training')] });
    await api.ok('runs/log-inputs', { run_id: evaluated, datasets: [mnist('eval', 'ffff0000'), { dataset: { name: 'fashion', digest: 'beef', source_type: 'local', source: '/data/f' } }] });
  });
  afterAll(async () => s?.close());

  it('shows the inputs in runs/get as MLflow does; logging one again merges its tags', async () => {
    await api.ok('runs/log-inputs', { run_id: trained, datasets: [{ ...mnist('training'), tags: [{ key: 'mlflow.data.context', value: 'training' }, { key: 'split', value: 'train' }] }] });
    const run = (await api.get('runs/get', { run_id: trained })).body.run as unknown as { inputs: { dataset_inputs: unknown[] } };
    expect(run.inputs.dataset_inputs).toEqual([
      { tags: [{ key: 'mlflow.data.context', value: 'training' }, { key: 'split', value: 'train' }], dataset: mnist('training').dataset },
    ]);
    const plain = (await api.get('runs/get', { run_id: (await api.ok('runs/create', { experiment_id: '0' })).run.info.run_id })).body.run as unknown as { inputs: object };
    expect(plain.inputs).toEqual({});
  });

  it('finds runs by datasets.name, digest and context (=, !=, LIKE, IN)', async () => {
    expect(await search("datasets.name = 'mnist'")).toEqual([trained, evaluated].sort());
    expect(await search("datasets.context = 'eval'")).toEqual([evaluated]);
    expect(await search("dataset.digest IN ('a1b2c3d4', 'zzz')")).toEqual([trained]);
    expect(await search("datasets.name LIKE 'fash%' AND datasets.context = 'eval'")).toEqual([evaluated]);
    expect(await search("datasets.name = 'cifar'")).toEqual([]);
  });

  it("answers mistakes with MLflow's codes, naming the field and the limit", async () => {
    expectMlflowError(await api.post('runs/search', { experiment_ids: ['0'], filter: "datasets.size = '1'" }), 400, 'INVALID_PARAMETER_VALUE', /name, digest, context/);
    expectMlflowError(await api.post('runs/search', { experiment_ids: ['0'], order_by: ['datasets.name'] }), 400, 'INVALID_PARAMETER_VALUE', /cannot be ordered/);
    expectMlflowError(await api.post('runs/log-inputs', { run_id: trained, datasets: [mnist('x', 'd'.repeat(37))] }), 400, 'INVALID_PARAMETER_VALUE', /digest .* 37 characters; the limit is 36/);
    expectMlflowError(await api.post('runs/log-inputs', { run_id: trained, datasets: [{ dataset: { name: 'x' } }] }), 400, 'INVALID_PARAMETER_VALUE', /digest/);
    expectMlflowError(await api.post('runs/log-inputs', { run_id: 'nope', datasets: [mnist('training')] }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});
