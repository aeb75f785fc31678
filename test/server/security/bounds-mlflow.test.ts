import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RunListResponse } from '@/lib/track/api';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { expectMlflowError, mlflowRest, type MlflowRest } from '../mlflow/helpers';

/**
 * The MLflow door under bad input, on both databases: each case answered 5xx, blocked the
 * process or broke another endpoint before; each must be MLflow's INVALID_PARAMETER_VALUE (400)
 * naming the limit, and the server must still answer a good request afterwards.
 */

describe.each(BACKENDS)('bounds: MLflow search and writes (%s)', (backend) => {
  let s: TestServer;
  let api: MlflowRest;
  let exp: string;
  const LONG_NAMES = 30;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    api = mlflowRest(s);
    exp = (await api.ok('experiments/create', { name: 'bounds' })).experiment_id;
    for (let i = 0; i < LONG_NAMES; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => api.ok('runs/create', { experiment_id: exp, run_name: `${'a'.repeat(100)}-${i + j}` })));
    }
    await api.ok('runs/create', { experiment_id: exp, run_name: 'mnist-cnn' });
  });
  afterAll(() => s?.close());

  const search = (filter: string, extra: Record<string, unknown> = {}) => api.post('runs/search', { experiment_ids: [exp], filter, ...extra });
  const names = (res: { body: { runs?: Array<{ info: { run_name: string } }> } }) => (res.body.runs ?? []).map((r) => r.info.run_name);
  /** A good search after a bad request: the process is up and answering. */
  const expectAlive = async () => expect(names(await search("attributes.run_name = 'mnist-cnn'"))).toEqual(['mnist-cnn']);

  it("matches LIKE/ILIKE patterns containing '-' (a 500 before)", async () => {
    const like = await search("attributes.run_name LIKE '%t-c%'");
    expect(like.status, JSON.stringify(like.body)).toBe(200);
    expect(names(like)).toEqual(['mnist-cnn']);
    expect(names(await search("attributes.run_name ILIKE 'MNIST-%'"))).toEqual(['mnist-cnn']);
    expect(names(await search("attributes.run_name LIKE 'MNIST-%'"))).toEqual([]);
    expect(names(await search("attributes.run_name LIKE 'mnist_cnn'"))).toEqual(['mnist-cnn']);
  });

  it("answers a crafted '%a%a…%b' pattern over many long names within 2 s", async () => {
    for (const repeats of [4, 400]) {
      const t0 = performance.now();
      const res = await search(`attributes.run_name LIKE '${'%a'.repeat(repeats)}%b'`);
      const ms = performance.now() - t0;
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      expect(names(res)).toEqual([]);
      expect(ms, `pattern with ${repeats} %a`).toBeLessThan(2_000);
    }
    const hit = await search(`attributes.run_name LIKE '${'%a'.repeat(50)}%-1_'`);
    expect(names(hit)).toHaveLength(10); // -10 … -19
    await expectAlive();
  });

  it('refuses a LIKE pattern over 1,000 characters, naming the limit', async () => {
    expectMlflowError(await search(`attributes.run_name LIKE '${'%'.repeat(1_001)}'`), 400, 'INVALID_PARAMETER_VALUE', /1,001 characters long; the limit is 1,000/);
    await expectAlive();
  });

  it('caps experiment_ids at 1,000 (40,000 gave SQLite a 500)', async () => {
    for (const count of [1_001, 40_000]) {
      const ids = Array.from({ length: count }, (_, i) => String(i + 1));
      expectMlflowError(await api.post('runs/search', { experiment_ids: ids }), 400, 'INVALID_PARAMETER_VALUE', /experiment_ids.*the limit is 1,000/);
    }
    const ok = await api.post('runs/search', { experiment_ids: [...Array.from({ length: 999 }, (_, i) => `x${i}`), exp], filter: "attributes.run_name = 'mnist-cnn'" });
    expect(names(ok)).toEqual(['mnist-cnn']);
  });

  it("refuses to delete the default experiment by either id ('0' or 'default')", async () => {
    for (const id of ['0', 'default']) {
      expectMlflowError(await api.post('experiments/delete', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE', /Cannot delete the default experiment '0'/);
    }
    const res = await api.get('experiments/get', { experiment_id: '0' });
    expect(res.body.experiment).toMatchObject({ experiment_id: '0', lifecycle_stage: 'active' });
  });

  it('checks user_id and run-name tags on write, so the native runs list keeps parsing', async () => {
    expectMlflowError(await api.post('runs/create', { experiment_id: exp, user_id: 'u'.repeat(200) }), 400, 'INVALID_PARAMETER_VALUE', /User id .* had length 200, which exceeded length limit of 128/);
    expectMlflowError(
      await api.post('runs/create', { experiment_id: exp, tags: [{ key: 'mlflow.user', value: 'u'.repeat(200) }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /User id \(tag mlflow.user\).*limit of 128/,
    );
    expectMlflowError(await api.post('runs/create', { experiment_id: exp, run_name: 'n'.repeat(300) }), 400, 'INVALID_PARAMETER_VALUE', /Run name .* had length 300, which exceeded length limit of 256/);
    const runId = (await api.ok('runs/create', { experiment_id: exp, user_id: 'ann' })).run.info.run_id;
    expectMlflowError(await api.post('runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: 'n'.repeat(300) }), 400, 'INVALID_PARAMETER_VALUE', /Run name .*limit of 256/);
    expectMlflowError(
      await api.post('runs/log-batch', { run_id: runId, tags: [{ key: 'mlflow.runName', value: 'n'.repeat(257) }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Run name .*limit of 256/,
    );
    await api.ok('runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: 'n'.repeat(256) });
    const list = RunListResponse.parse(await (await s.api('/api/v1/runs?limit=1000')).json());
    expect(list.runs.find((r) => r.id === runId)).toMatchObject({ name: 'n'.repeat(256), owner: 'ann' });
  });

  it('refuses U+0000 in MLflow fields with 400 naming the field (PostgreSQL gave 500)', async () => {
    const runId = (await api.ok('runs/create', { experiment_id: exp })).run.info.run_id;
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['runs/create', { experiment_id: exp, run_name: 'a\u0000b' }, /'run_name'.*NUL/],
      ['runs/set-tag', { run_id: runId, key: 't', value: 'v\u0000' }, /'value'.*NUL/],
      ['runs/log-batch', { run_id: runId, params: [{ key: 'p', value: '\u0000' }] }, /'params.0.value'.*NUL/],
      ['experiments/create', { name: 'e\u0000' }, /'name'.*NUL/],
      ['runs/search', { experiment_ids: ['0\u0000'] }, /'experiment_ids.0'.*NUL/],
    ];
    for (const [path, body, field] of cases) expectMlflowError(await api.post(path, body), 400, 'INVALID_PARAMETER_VALUE', field);
    expectMlflowError(await api.get('experiments/get-by-name', { experiment_name: 'x\u0000' }), 400, 'INVALID_PARAMETER_VALUE', /'experiment_name'.*NUL/);
    await expectAlive();
  });

  it('leaves a run whose stored config does not read out of runs/search instead of failing it', async () => {
    const broken = (await api.ok('runs/create', { experiment_id: exp, run_name: 'broken-config' })).run.info.run_id;
    await s.server.tracking.services.db.kysely.updateTable('runs').set({ config: '{not json' }).where('id', '=', broken).execute();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const res = await search("params.lr = '1'");
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      const all = await search("attributes.run_name LIKE '%'", { max_results: 1000 });
      expect(all.status).toBe(200);
      expect(names(all)).toContain('mnist-cnn');
      expect(names(all)).not.toContain('broken-config');
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toContain(`run "${broken}" left out of a list`);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses int64 fields past 2^53 with the range this server keeps, never a 5xx', async () => {
    const runId = (await api.ok('runs/create', { experiment_id: exp })).run.info.run_id;
    for (const field of ['step', 'timestamp']) {
      const metric = { run_id: runId, key: 'm', value: 1, timestamp: 1, step: 1, [field]: '99999999999999999999' };
      expectMlflowError(await api.post('runs/log-metric', metric), 400, 'INVALID_PARAMETER_VALUE', new RegExp(`'${field}'.*between -9007199254740991 and 9007199254740991`));
    }
    expectMlflowError(await api.post('runs/create', { experiment_id: exp, start_time: 2 ** 63 }), 400, 'INVALID_PARAMETER_VALUE', /'start_time'.*2\^53/);
  });

  it('refuses a body nested past 100 levels before parsing it', async () => {
    const res = await s.api('/api/2.0/mlflow/experiments/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    });
    expectMlflowError({ status: res.status, body: await res.json() }, 400, 'INVALID_PARAMETER_VALUE', /nests more than 100 levels.*limit is 100/);
    await expectAlive();
  });
});
