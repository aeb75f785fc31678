import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { expectMlflowError, mlflowRest, type MlflowRest } from './helpers';

/**
 * metrics/get-history-bulk-interval: MLflow's sampling, worked out by hand. Run A logs steps
 * 0..9, run B the even steps 0..18; the union is 15 steps (0..9, 10, 12, 14, 16, 18);
 * max_results=5 samples every 3rd (0, 3, 6, 9, 14) plus the last (18), and each run keeps its
 * first and last step (A: 0 and 9, B: 0 and 18).
 */
describe.each(BACKENDS)('MLflow get-history-bulk-interval (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  let a: string;
  let b: string;
  const runWith = async (steps: number[]) => {
    const id = (await api.ok('runs/create', { experiment_id: '0', start_time: 1 })).run.info.run_id;
    await api.ok('runs/log-batch', { run_id: id, metrics: steps.map((step) => ({ key: 'loss', value: step / 10, timestamp: 1000 + step, step })) });
    return id;
  };
  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
    a = await runWith([...Array(10).keys()]);
    b = await runWith([...Array(10).keys()].map((i) => i * 2));
  });
  afterAll(async () => s?.close());

  it('samples the same steps for every run, keeping each run’s first and last', async () => {
    const res = await api.get('metrics/get-history-bulk-interval', { run_ids: [a, b], metric_key: 'loss', max_results: 5 });
    expect(res.status).toBe(200);
    const steps = (run: string) => res.body.metrics.filter((m) => (m as unknown as { run_id: string }).run_id === run).map((m) => m.step);
    expect(steps(a)).toEqual([0, 3, 6, 9]);
    expect(steps(b)).toEqual([0, 6, 14, 18]);
    expect(res.body.metrics[1]).toEqual({ key: 'loss', value: 0.3, timestamp: 1003, step: 3, run_id: a });
  });

  it('keeps to start_step..end_step and returns every step when they fit', async () => {
    const res = await api.get('metrics/get-history-bulk-interval', { run_ids: [b], metric_key: 'loss', start_step: 3, end_step: 9 });
    expect(res.body.metrics.map((m) => m.step)).toEqual([4, 6, 8]);
  });

  it("answers mistakes with MLflow's messages", async () => {
    expectMlflowError(await api.get('metrics/get-history-bulk-interval', { run_ids: [a], metric_key: 'loss', start_step: 1 }), 400, 'INVALID_PARAMETER_VALUE', /both must be specified/);
    expectMlflowError(await api.get('metrics/get-history-bulk-interval', { run_ids: [a], metric_key: 'loss', start_step: 5, end_step: 1 }), 400, 'INVALID_PARAMETER_VALUE', /end_step must be greater/);
    expectMlflowError(await api.get('metrics/get-history-bulk-interval', { run_ids: [a], metric_key: 'loss', max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /between 1 and 2500/);
    expectMlflowError(await api.get('metrics/get-history-bulk-interval', { run_ids: Array(101).fill(a), metric_key: 'loss' }), 400, 'INVALID_PARAMETER_VALUE', /at most 100 run_ids/);
    expectMlflowError(await api.get('metrics/get-history-bulk-interval', { run_ids: ['nope'], metric_key: 'loss' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('metrics/get-history-bulk-interval', { metric_key: 'loss' }), 400, 'INVALID_PARAMETER_VALUE', /run_ids/);
  });
});
