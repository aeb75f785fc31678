import MLflow from 'mlflow';
import { RunStatus, ViewType } from 'mlflow/enum';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../harness';

/**
 * The `mlflow` npm package (an MLflow REST client nobody here wrote) against the real server
 * over HTTP, on both databases. It covers experiments, runs and metric history; what it lacks
 * (search filters, paging, limits, error codes in depth) is in rest.test.ts.
 */
describe.each(BACKENDS)('MLflow npm client (%s)', (backend) => {
  let s: TestServer;
  let client: MLflow;
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined); // the client logs every POST body
    s = await startTestServer({ backend });
    client = new MLflow({ endpoint: s.url, headers: { Authorization: `Bearer ${s.token}` } });
  });
  afterAll(async () => {
    await s?.close();
    vi.restoreAllMocks();
  });

  it('creates, gets, lists, renames, deletes and restores experiments', async () => {
    const { Experiments } = client;
    const { experiment_id } = await Experiments.create({ name: 'npm-client-exp', artifact_location: undefined as never });
    expect(experiment_id).toMatch(/^\d{18}$/);
    const { experiment } = await Experiments.get({ experiment_id });
    expect(experiment).toMatchObject({ experiment_id, name: 'npm-client-exp', lifecycle_stage: 'active' });
    expect(experiment.creation_time).toBeGreaterThan(Date.now() - 60_000);

    const listed = (await Experiments.list()).experiments.map((e) => e.name);
    expect(listed).toEqual(expect.arrayContaining(['npm-client-exp', 'Default']));

    await Experiments.update({ experiment_id, new_name: 'npm-client-renamed' });
    expect((await Experiments.get({ experiment_id })).experiment.name).toBe('npm-client-renamed');

    await Experiments.delete({ experiment_id });
    expect((await Experiments.list({ view_type: ViewType.ACTIVE_ONLY })).experiments.map((e) => e.experiment_id)).not.toContain(experiment_id);
    expect((await Experiments.list({ view_type: ViewType.DELETED_ONLY })).experiments.map((e) => e.experiment_id)).toEqual([experiment_id]);
    expect((await Experiments.get({ experiment_id })).experiment.lifecycle_stage).toBe('deleted');
    await Experiments.restore({ experiment_id });
    expect((await Experiments.get({ experiment_id })).experiment.lifecycle_stage).toBe('active');

    await expect(Experiments.create({ name: 'npm-client-renamed', artifact_location: undefined as never })).rejects.toThrow(/"status":400.*RESOURCE_ALREADY_EXISTS/);
    await expect(Experiments.get({ experiment_id: '404404' })).rejects.toThrow(/"status":404.*RESOURCE_DOES_NOT_EXIST/);
  });

  it('logs a run end to end: params, metrics, tags, batch, history, update, search, delete and restore', async () => {
    const { Experiments, Runs, Metrics } = client;
    const { experiment_id } = await Experiments.create({ name: 'npm-client-runs', artifact_location: undefined as never });
    const start = Date.now() - 5_000;
    const { run } = await Runs.create({ experiment_id, user_id: 'ann', start_time: start, tags: [{ key: 'mlflow.runName', value: 'client-run' }, { key: 'team', value: 'b' }] });
    const run_id = run.info.run_id;
    expect(run.info).toMatchObject({ experiment_id, user_id: 'ann', status: 'RUNNING', start_time: start, lifecycle_stage: 'active', run_name: 'client-run' });

    await Runs.logParameter({ run_id, key: 'lr', value: '0.01' });
    await Runs.logParameter({ run_id, key: 'lr', value: '0.01' }); // the same value again is fine
    await expect(Runs.logParameter({ run_id, key: 'lr', value: '0.02' })).rejects.toThrow(/"status":400.*INVALID_PARAMETER_VALUE/);
    for (const [step, value] of [0.9, 0.5, 0.25].entries()) await Runs.logMetric({ run_id, key: 'loss', value, timestamp: start + step, step });
    await Runs.setTag({ run_id, key: 'note', value: 'temporary' });
    await Runs.deleteTag({ run_id, key: 'note' });
    await Runs.logBatch({
      run_id,
      metrics: [{ key: 'acc', value: 0.8, timestamp: start + 10, step: 2 }],
      params: [{ key: 'batch_size', value: '32' }],
      tags: [{ key: 'stage', value: 'dev' }],
    });

    const got = (await Runs.get({ run_id })).run;
    expect(got.data.params).toEqual([
      { key: 'batch_size', value: '32' },
      { key: 'lr', value: '0.01' },
    ]);
    expect(got.data.metrics).toEqual([
      { key: 'acc', value: 0.8, timestamp: start + 10, step: 2 },
      { key: 'loss', value: 0.25, timestamp: start + 2, step: 2 },
    ]);
    expect(Object.fromEntries(got.data.tags.map((t) => [t.key, t.value]))).toEqual({ 'mlflow.runName': 'client-run', team: 'b', stage: 'dev' });

    const history = await Metrics.getHistory({ run_id, metric_key: 'loss' });
    expect(history.metrics).toEqual([0.9, 0.5, 0.25].map((value, step) => ({ key: 'loss', value, timestamp: start + step, step })));

    const end = Date.now();
    const { run_info } = await Runs.update({ run_id, status: RunStatus.FINISHED, end_time: end });
    expect(run_info).toMatchObject({ status: 'FINISHED', end_time: end });

    const found = await Runs.search({ experiment_ids: [experiment_id], filter: "metrics.loss < 0.3 and params.lr = '0.01'" });
    expect(found.runs.map((r) => r.info.run_id)).toEqual([run_id]);
    expect((await Runs.search({ experiment_ids: [experiment_id], filter: 'metrics.loss > 0.3' })).runs).toEqual([]);

    await Runs.delete({ run_id });
    expect((await Runs.search({ experiment_ids: [experiment_id], run_view_type: ViewType.ACTIVE_ONLY })).runs).toEqual([]);
    expect((await Runs.search({ experiment_ids: [experiment_id], run_view_type: ViewType.DELETED_ONLY })).runs.map((r) => r.info.run_id)).toEqual([run_id]);
    await expect(Runs.logMetric({ run_id, key: 'loss', value: 1, timestamp: end })).rejects.toThrow(/INVALID_PARAMETER_VALUE.*must be in the 'active' state/);
    await Runs.restore({ run_id });
    expect((await Runs.get({ run_id })).run.info.lifecycle_stage).toBe('active');

    await expect(Runs.get({ run_id: 'no-such-run' })).rejects.toThrow(/"status":404.*RESOURCE_DOES_NOT_EXIST/);
  });

  it('is refused without the workspace token', async () => {
    const anonymous = new MLflow({ endpoint: s.url });
    await expect(anonymous.Experiments.list()).rejects.toThrow(/"status":401.*UNAUTHENTICATED/);
  });
});
