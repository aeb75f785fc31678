import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire, SharedRunResponse, ShareResponse } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { mlflowRest } from '../mlflow/helpers';

/** Share links of deleted runs are dead, and a link shows the code only when the sharer chose to. */
describe.each(BACKENDS)('share links (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  async function sharedRun(init: RequestInit = { method: 'POST' }, run = makeRun()) {
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: [{ key: 'loss', step: 0, value: 1, timeMs: 1 }] }));
    const created = await s.api(`/api/v1/runs/${run.id}/shares`, init);
    expect(created.status).toBe(201);
    return { run, share: ShareResponse.parse(await created.json()).share };
  }
  const view = (token: string, sub = '') => s.api(`/api/v1/shares/${token}${sub}`, { auth: false });
  const expectDead = async (token: string) => {
    for (const sub of ['', '/metrics/history?key=loss']) expect((await view(token, sub)).status, sub).toBe(404);
  };

  it('a run deleted through /api/v1 takes its share links with it', async () => {
    const { run, share } = await sharedRun();
    expect((await view(share.token)).status).toBe(200);
    expect((await s.api(`/api/v1/runs/${run.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectDead(share.token);
  });

  it('a run deleted through MLflow (runs/delete) answers 404 on its link; restoring it brings the link back', async () => {
    const mlflow = mlflowRest(s);
    const { run, share } = await sharedRun();
    await mlflow.ok('runs/delete', { run_id: run.id });
    await expectDead(share.token);
    await mlflow.ok('runs/restore', { run_id: run.id });
    expect((await view(share.token)).status).toBe(200);
  });

  it('runs of an experiment deleted through MLflow answer 404 on their links', async () => {
    const mlflow = mlflowRest(s);
    const { experiment_id } = await mlflow.ok('experiments/create', { name: `shared-exp-${Date.now()}` });
    const { run: created } = await mlflow.ok('runs/create', { experiment_id, start_time: Date.now() });
    const res = await s.api(`/api/v1/runs/${created.info.run_id}/shares`, { method: 'POST' });
    expect(res.status).toBe(201);
    const { share } = ShareResponse.parse(await res.json());
    expect((await view(share.token)).status).toBe(200);
    await mlflow.ok('experiments/delete', { experiment_id });
    await expectDead(share.token);
  });

  it('hides the code snapshot by default (old clients send no body)', async () => {
    const { run, share } = await sharedRun();
    expect(share.includeCode).toBe(false);
    expect(run.code).not.toBeNull();
    const body = SharedRunResponse.parse(await (await view(share.token)).json());
    expect(body.includeCode).toBe(false);
    expect(body.run.code).toBeNull();
    expect(body.run.config).toEqual(run.config); // the rest is still there
    const { share: withEmptyJson } = await sharedRun(jsonInit('POST', {}));
    expect(withEmptyJson.includeCode).toBe(false);
  });

  it('shows the code snapshot when the sharer includes it, and lists the choice', async () => {
    const { run, share } = await sharedRun(jsonInit('POST', { includeCode: true }));
    expect(share.includeCode).toBe(true);
    const body = SharedRunResponse.parse(await (await view(share.token)).json());
    expect(body.includeCode).toBe(true);
    expect(body.run.code).toEqual(run.code);
    const list = await (await s.api(`/api/v1/runs/${run.id}/shares`)).json();
    expect(list.shares).toEqual([expect.objectContaining({ token: share.token, includeCode: true })]);
  });

  it('refuses a malformed create body with a 4xx naming the field', async () => {
    const run = makeRun();
    await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    const wrongType = await s.api(`/api/v1/runs/${run.id}/shares`, jsonInit('POST', { includeCode: 'yes' }));
    expect(wrongType.status).toBe(422);
    expect((await wrongType.json()).error.message).toMatch(/includeCode/);
    const unknown = await s.api(`/api/v1/runs/${run.id}/shares`, jsonInit('POST', { includeCod: true }));
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.message).toMatch(/includeCod/);
    expect((await s.api(`/api/v1/runs/${run.id}/shares`)).status).toBe(200);
    expect((await (await s.api(`/api/v1/runs/${run.id}/shares`)).json()).shares).toEqual([]);
  });
});
