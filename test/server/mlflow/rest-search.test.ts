import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MlflowMetric } from '@/lib/server/mlflow/views';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { expectMlflowError, mlflowRest, type MlflowRest } from './helpers';

interface Seed {
  name: string;
  start: number;
  params: Record<string, string>;
  acc?: number;
  tags?: Record<string, string>;
  status?: 'FINISHED' | 'FAILED' | 'RUNNING';
}

const SEEDS: Seed[] = [
  { name: 'r0', start: 1_000, params: { optimizer: 'adam', lr: '0.01' }, acc: 0.91, tags: { dataset: 'MNIST' }, status: 'FINISHED' },
  { name: 'r1', start: 2_000, params: { optimizer: 'sgd', lr: '0.1' }, acc: 0.85, tags: { dataset: 'mnist-small' }, status: 'FINISHED' },
  { name: 'r2', start: 3_000, params: { optimizer: 'adam', lr: '0.001' }, acc: 0.93, tags: { dataset: 'cifar' }, status: 'FAILED' },
  { name: 'r3', start: 4_000, params: { optimizer: 'Adam', lr: '0.01' }, status: 'RUNNING' },
  { name: 'r4', start: 5_000, params: { optimizer: 'rmsprop', 'model class': 'mlp' }, acc: 0.5, tags: { 'data-set': 'x' }, status: 'FINISHED' },
];

/** runs/search, experiments/search and get-history paging over raw HTTP, on both databases. */
describe.each(BACKENDS)('MLflow search and paging (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  let exp: string;
  let otherExp: string;
  const ids: Record<string, string> = {};
  let browserRunId: string;

  const search = async (body: Record<string, unknown>) => {
    const res = await api.post('runs/search', { experiment_ids: [exp], ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { runs: Array<{ info: { run_id: string; run_name: string } }>; next_page_token?: string };
  };
  const names = async (body: Record<string, unknown>) => (await search(body)).runs.map((r) => r.info.run_name);

  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
    exp = (await api.ok('experiments/create', { name: 'search-me', tags: [{ key: 'course', value: 'dl' }] })).experiment_id;
    otherExp = (await api.ok('experiments/create', { name: 'elsewhere' })).experiment_id;
    for (const seed of SEEDS) {
      const run_id = (await api.ok('runs/create', { experiment_id: exp, run_name: seed.name, start_time: seed.start, user_id: 'ann' })).run.info.run_id;
      ids[seed.name] = run_id;
      await api.ok('runs/log-batch', {
        run_id,
        params: Object.entries(seed.params).map(([key, value]) => ({ key, value })),
        tags: Object.entries(seed.tags ?? {}).map(([key, value]) => ({ key, value })),
        metrics: seed.acc === undefined ? [] : [{ key: 'acc', value: seed.acc / 2, timestamp: seed.start, step: 0 }, { key: 'acc', value: seed.acc, timestamp: seed.start + 1, step: 1 }],
      });
      if (seed.status !== 'RUNNING') await api.ok('runs/update', { run_id, status: seed.status, end_time: seed.start + 500 });
    }
    await api.ok('runs/create', { experiment_id: otherExp, run_name: 'far away', start_time: 9_000 });

    // A browser run in the same project (experiment), synced through /api/v1.
    const browser = makeRun({
      projectId: exp,
      name: 'from the browser',
      createdAt: 6_000,
      updatedAt: 6_000,
      status: 'finished',
      finishedAt: 7_000,
      config: { lr: 0.01, layers: [64, 32], optimizer: { name: 'adam', beta1: 0.9 } },
      tags: { team: 'a' },
    });
    browserRunId = browser.id;
    expect((await s.api(`/api/v1/runs/${browser.id}`, jsonInit('PUT', runToWire(browser)))).status).toBe(200);
    const points = Array.from({ length: 2_500 }, (_, step) => ({ key: 'loss', step, value: 1 / (step + 1), timeMs: 10_000 + step }));
    expect((await s.api(`/api/v1/runs/${browser.id}/metrics`, jsonInit('POST', { points }))).status).toBe(200);
  });
  afterAll(async () => s?.close());

  it('orders newest first by default and searches only the given experiments', async () => {
    expect(await names({})).toEqual(['from the browser', 'r4', 'r3', 'r2', 'r1', 'r0']);
    expect(await names({ experiment_ids: [otherExp] })).toEqual(['far away']);
    expect(await names({ experiment_ids: [exp, otherExp], max_results: 2 })).toEqual(['far away', 'from the browser']);
    expect(await names({ experiment_ids: [] })).toEqual([]);
  });

  it('filters on metrics, params, tags and attributes joined by AND', async () => {
    expect(await names({ filter: 'metrics.acc > 0.9' })).toEqual(['r2', 'r0']);
    expect(await names({ filter: "metrics.acc >= 0.85 AND params.optimizer = 'adam'" })).toEqual(['r2', 'r0']);
    expect(await names({ filter: "params.optimizer ILIKE 'ADAM'" })).toEqual(['r3', 'r2', 'r0']);
    expect(await names({ filter: "params.optimizer LIKE 'adam'" })).toEqual(['r2', 'r0']); // the browser run's optimizer is optimizer.name
    expect(await names({ filter: "params.lr = '0.01'" })).toEqual(['from the browser', 'r3', 'r0']);
    expect(await names({ filter: 'params."model class" = \'mlp\'' })).toEqual(['r4']);
    expect(await names({ filter: "tags.dataset LIKE 'mnist%'" })).toEqual(['r1']);
    expect(await names({ filter: "tags.`data-set` = 'x'" })).toEqual(['r4']);
    expect(await names({ filter: "attributes.status = 'FAILED'" })).toEqual(['r2']);
    expect(await names({ filter: "attributes.status != 'FINISHED'" })).toEqual(['r3', 'r2']);
    expect(await names({ filter: 'attributes.start_time >= 3000 and attributes.start_time < 5000' })).toEqual(['r3', 'r2']);
    expect(await names({ filter: 'attributes.end_time > 0' })).toEqual(['from the browser', 'r4', 'r2', 'r1', 'r0']);
    expect(await names({ filter: "attributes.run_name LIKE 'r%' AND attributes.user_id = 'ann'" })).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(await names({ filter: `attributes.run_id IN ('${ids.r1}', '${ids.r3}')` })).toEqual(['r3', 'r1']);
    expect(await names({ filter: "tags.mlflow.runName = 'r2'" })).toEqual(['r2']);
  });

  it('shows a browser run to MLflow: flattened config as params, metrics, tags, status and times', async () => {
    expect(await names({ filter: "params.optimizer.name = 'adam' AND params.layers = '[64,32]'" })).toEqual(['from the browser']);
    expect(await names({ filter: 'metrics.loss < 0.001' })).toEqual(['from the browser']);
    const { run } = (await api.get('runs/get', { run_id: browserRunId })).body;
    expect(run.info).toMatchObject({ run_id: browserRunId, run_name: 'from the browser', experiment_id: exp, status: 'FINISHED', start_time: 6_000, end_time: 7_000, user_id: 'tester' });
    expect(run.data.params).toEqual([
      { key: 'layers', value: '[64,32]' },
      { key: 'lr', value: '0.01' },
      { key: 'optimizer.beta1', value: '0.9' },
      { key: 'optimizer.name', value: 'adam' },
    ]);
    expect(run.data.tags).toEqual([
      { key: 'mlflow.runName', value: 'from the browser' },
      { key: 'team', value: 'a' },
    ]);
    expect(run.data.metrics).toEqual([{ key: 'loss', value: 1 / 2_500, timestamp: 12_499, step: 2_499 }]);
  });

  it('orders by metrics, params and attributes, with runs missing the value last', async () => {
    expect(await names({ order_by: ['metrics.acc DESC'] })).toEqual(['r2', 'r0', 'r1', 'r4', 'from the browser', 'r3']);
    expect(await names({ order_by: ['metrics.acc ASC'] })).toEqual(['r4', 'r1', 'r0', 'r2', 'from the browser', 'r3']);
    expect(await names({ order_by: ['params.lr', 'attributes.start_time ASC'] })).toEqual(['r2', 'r0', 'r3', 'from the browser', 'r1', 'r4']);
    expect(await names({ order_by: ['attributes.run_name DESC'], max_results: 3 })).toEqual(['r4', 'r3', 'r2']);
    expectMlflowError(await api.post('runs/search', { experiment_ids: [exp], order_by: ['metrics.acc UP'] }), 400, 'INVALID_PARAMETER_VALUE', /order_by.*expected ASC or DESC/);
  });

  it('pages with an opaque token until there is none, with no run twice', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await search({ max_results: 2, order_by: ['attributes.start_time'], ...(token ? { page_token: token } : {}) });
      expect(page.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.runs.map((r) => r.info.run_name));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'from the browser']);
    expectMlflowError(await api.post('runs/search', { experiment_ids: [exp], page_token: 'bogus!' }), 400, 'INVALID_PARAMETER_VALUE', /page token/);
  });

  it('honours run_view_type', async () => {
    await api.ok('runs/delete', { run_id: ids.r1 });
    try {
      expect(await names({ run_view_type: 'DELETED_ONLY' })).toEqual(['r1']);
      expect(await names({ run_view_type: 'ALL', filter: "params.optimizer = 'sgd'" })).toEqual(['r1']);
      expect(await names({ filter: "params.optimizer = 'sgd'" })).toEqual([]);
      expect(await names({ run_view_type: 3, filter: "params.optimizer = 'sgd'" })).toEqual(['r1']); // protobuf enum number
    } finally {
      await api.ok('runs/restore', { run_id: ids.r1 });
    }
  });

  it('refuses a bad filter with INVALID_PARAMETER_VALUE saying what and where', async () => {
    const res = await api.post('runs/search', { experiment_ids: [exp], filter: "metrics.acc > 0.5 AND params.lr = 0.01" });
    expectMlflowError(res, 400, 'INVALID_PARAMETER_VALUE', /Invalid filter "metrics\.acc > 0\.5 AND params\.lr = 0\.01".*quote the value.*at character 35/);
  });

  it('searches experiments by name and tag, orders and pages them, over POST and GET', async () => {
    const post = async (body: Record<string, unknown>) => (await api.ok('experiments/search', body)) as { experiments: Array<{ name: string }>; next_page_token?: string };
    expect((await post({ filter: "name LIKE 'search%'" })).experiments.map((e) => e.name)).toEqual(['search-me']);
    expect((await post({ filter: "tags.course = 'dl'" })).experiments.map((e) => e.name)).toEqual(['search-me']);
    expect((await post({ order_by: ['name ASC'] })).experiments.map((e) => e.name)).toEqual(['Default', 'elsewhere', 'search-me']);
    const first = await post({ order_by: ['name DESC'], max_results: 2 });
    expect(first.experiments.map((e) => e.name)).toEqual(['search-me', 'elsewhere']);
    const second = await post({ order_by: ['name DESC'], max_results: 2, page_token: first.next_page_token });
    expect(second.experiments.map((e) => e.name)).toEqual(['Default']);
    expect(second.next_page_token).toBeUndefined();
    const viaGet = await api.get('experiments/search', { filter: "name != 'Default'", order_by: ['name DESC'], max_results: 10 });
    expect(viaGet.body.experiments.map((e: { name: string }) => e.name)).toEqual(['search-me', 'elsewhere']);
    expectMlflowError(await api.post('experiments/search', { filter: 'metrics.acc > 1' }), 400, 'INVALID_PARAMETER_VALUE', /entity type/);
  });

  it('pages metric history with max_results and page_token, in step order, nothing lost or repeated', async () => {
    const all = (await api.get('metrics/get-history', { run_id: browserRunId, metric_key: 'loss' })).body;
    expect(all.metrics).toHaveLength(2_500);
    expect(all.next_page_token).toBeUndefined();
    const collected: MlflowMetric[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await api.get('metrics/get-history', { run_id: browserRunId, metric_key: 'loss', max_results: 1_000, ...(token ? { page_token: token } : {}) })).body;
      collected.push(...page.metrics);
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(collected).toEqual(all.metrics);
    expect(collected.map((m) => m.step)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
    expect(collected[10]).toEqual({ key: 'loss', step: 10, value: 1 / 11, timestamp: 10_010 });
    expect((await api.get('metrics/get-history', { run_id: browserRunId, metric_key: 'nothing' })).body).toEqual({ metrics: [] });
    expectMlflowError(await api.get('metrics/get-history', { run_id: browserRunId, metric_key: 'loss', page_token: 'zzz' }), 400, 'INVALID_PARAMETER_VALUE', /page token/);
    expectMlflowError(await api.get('metrics/get-history', { run_id: browserRunId, metric_key: 'loss', max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /max_results/);
    // The deprecated run_uuid still names the run.
    expect((await api.get('metrics/get-history', { run_uuid: browserRunId, metric_key: 'loss', max_results: 1 })).body.metrics).toHaveLength(1);
  });
});
