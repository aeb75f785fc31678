import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { expectMlflowError, mlflowRest, type MlflowRest } from './helpers';

/**
 * Replays, request by request, what MLflow's Python client (2.x) sends for the everyday script
 *
 *   mlflow.set_experiment("mnist-mlp")
 *   with mlflow.start_run():
 *       mlflow.log_params({"lr": 0.01, "epochs": 5, "optimizer": "adam"})
 *       for epoch in range(5):
 *           mlflow.log_metric("train_loss", loss, step=epoch)
 *
 * with MLFLOW_TRACKING_URI=<server> and MLFLOW_TRACKING_TOKEN=<workspace token>, then finds the
 * run through Benchtop's own /api/v1 (what /runs and /runs/[id] read).
 */
describe.each(BACKENDS)('a Python MLflow training script, replayed (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  const losses = [2.3, 1.1, 0.62, 0.41, 0.35];
  const t0 = 1_760_000_000_000;
  let experimentId: string;
  let runId: string;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
  });
  afterAll(async () => s?.close());

  it('accepts the script\'s requests in order', async () => {
    // mlflow.set_experiment: look up by name, create when missing, then fetch by id.
    expectMlflowError(await api.get('experiments/get-by-name', { experiment_name: 'mnist-mlp' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    experimentId = (await api.ok('experiments/create', { name: 'mnist-mlp' })).experiment_id;
    expect((await api.get('experiments/get', { experiment_id: experimentId })).body.experiment).toMatchObject({ name: 'mnist-mlp', lifecycle_stage: 'active' });

    // mlflow.start_run: the client's context tags, no run name (the server makes one).
    const created = await api.ok('runs/create', {
      experiment_id: experimentId,
      user_id: 'alice',
      start_time: t0,
      tags: [
        { key: 'mlflow.user', value: 'alice' },
        { key: 'mlflow.source.name', value: 'train.py' },
        { key: 'mlflow.source.type', value: 'LOCAL' },
      ],
    });
    runId = created.run.info.run_id;
    expect(created.run.info).toMatchObject({ experiment_id: experimentId, status: 'RUNNING', start_time: t0, lifecycle_stage: 'active' });

    // mlflow.log_params → one log-batch with params only (values as Python's str()).
    await api.ok('runs/log-batch', { run_id: runId, metrics: [], params: [{ key: 'lr', value: '0.01' }, { key: 'epochs', value: '5' }, { key: 'optimizer', value: 'adam' }], tags: [] });

    // mlflow.log_metric per epoch.
    for (const [epoch, value] of losses.entries()) {
      await api.ok('runs/log-metric', { run_id: runId, run_uuid: runId, key: 'train_loss', value, timestamp: t0 + 1_000 * (epoch + 1), step: epoch });
    }

    // Leaving the `with` block: mlflow.end_run().
    const ended = await api.ok('runs/update', { run_id: runId, run_uuid: runId, status: 'FINISHED', end_time: t0 + 6_000 });
    expect(ended.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: t0 + 6_000 });

    // Running the script again finds the experiment by name.
    expect((await api.get('experiments/get-by-name', { experiment_name: 'mnist-mlp' })).body.experiment.experiment_id).toBe(experimentId);
  });

  it('shows the run through /api/v1 as a Benchtop run: config from params, summary from metrics', async () => {
    const res = await s.api(`/api/v1/runs/${runId}`);
    expect(res.status).toBe(200);
    const { run } = await res.json();
    expect(run).toMatchObject({
      id: runId,
      projectId: experimentId,
      status: 'finished',
      source: 'mlflow',
      owner: 'alice',
      createdAt: t0,
      finishedAt: t0 + 6_000,
      config: { lr: 0.01, epochs: 5, optimizer: 'adam' },
      tags: { 'mlflow.user': 'alice', 'mlflow.source.name': 'train.py', 'mlflow.source.type': 'LOCAL', 'mlflow.runName': run.name },
    });
    expect(run.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(run.summary.train_loss).toEqual({ last: 0.35, min: 0.35, max: 2.3, step: 4, count: 5 });

    const list = await (await s.api(`/api/v1/runs?projectId=${experimentId}`)).json();
    expect(list.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    const projects = await (await s.api('/api/v1/projects')).json();
    expect(projects.projects).toContainEqual(expect.objectContaining({ id: experimentId, name: 'mnist-mlp' }));
  });

  it('serves the metric to Benchtop\'s charts with the steps and timestamps MLflow sent', async () => {
    const history = await (await s.api(`/api/v1/runs/${runId}/metrics/history?key=train_loss`)).json();
    expect(history.points).toEqual(losses.map((value, step) => ({ step, value, timeMs: t0 + 1_000 * (step + 1) })));
    const keys = await (await s.api(`/api/v1/runs/${runId}/metrics/keys`)).json();
    expect(keys.keys).toEqual([expect.objectContaining({ key: 'train_loss', count: 5, minStep: 0, maxStep: 4 })]);
  });

  it('reads back the same through MLflow: search, get and get-history', async () => {
    const found = await api.ok('runs/search', { experiment_ids: [experimentId], filter: "params.optimizer = 'adam' AND metrics.train_loss < 0.5 AND attributes.status = 'FINISHED'" });
    expect(found.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runId]);
    const history = (await api.get('metrics/get-history', { run_id: runId, metric_key: 'train_loss' })).body.metrics;
    expect(history.map((m) => m.value)).toEqual(losses);
  });
});
