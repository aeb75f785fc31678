import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictResponse } from '@/lib/serving/api';
import { CreatedPredictTokenResponse, PredictTokenListResponse } from '@/lib/serving/predict-tokens-api';
import { MNIST_INPUT_NAME, mnistOnnx } from '@/bench/lib/mnist-onnx';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { createClass, join } from '../classroom/helpers';
import { digitRows, predictPath, registerOnnx } from './serving-fixture';

/**
 * Predict tokens (`btp_…`): made and revoked by the workspace, they open predict and feedback of
 * one model and nothing else — not runs, not the registry, not another model, not MLflow — and
 * a revoked one answers 401. Real HTTP, real database, onnxruntime-node.
 */
describe.each(BACKENDS)('predict tokens (%s)', (backend) => {
  let s: TestServer;
  const INPUT = MNIST_INPUT_NAME['mnist-mlp'];
  const body = { inputs: { [INPUT]: digitRows([0.3]) } };
  /** A request with `secret` as the bearer instead of the workspace token. */
  const as = (secret: string, path: string, init: RequestInit = {}) => s.api(path, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), authorization: `Bearer ${secret}` } });
  const create = async (model: string, label: string) => {
    const res = await s.api(`/api/v1/models/${model}/tokens`, jsonInit('POST', { label }));
    expect(res.status).toBe(201);
    return CreatedPredictTokenResponse.parse(await res.json());
  };

  beforeAll(async () => {
    s = await startTestServer({ backend });
    const mlp = await mnistOnnx('mnist-mlp', { seed: 1 });
    await registerOnnx(s, 'digits', mlp);
    await registerOnnx(s, 'other', mlp);
    expect((await s.api('/api/v1/models/digits/aliases/champion', jsonInit('PUT', { version: 1 }))).status).toBe(200);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is shown once, listed without its secret, and predicts and takes feedback on its model', async () => {
    const { token, secret } = await create('digits', 'kiosk');
    expect(secret).toMatch(/^btp_[A-Za-z0-9_-]{43}$/);
    const listed = PredictTokenListResponse.parse(await (await s.api('/api/v1/models/digits/tokens')).json()).tokens;
    expect(listed.find((t) => t.id === token.id)).toEqual({ ...token, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(token.hint).toBe(`${secret.slice(0, 8)}…`);

    for (const ref of ['champion', '1']) {
      const res = await as(secret, predictPath('digits', ref), jsonInit('POST', body));
      expect(res.status).toBe(200);
      const predicted = PredictResponse.parse(await res.json());
      const fb = await as(secret, `/api/v1/models/digits/${ref}/feedback`, jsonInit('POST', { predictionId: predicted.predictionId, label: 3 }));
      expect(fb.status).toBe(200);
    }
    const used = PredictTokenListResponse.parse(await (await s.api('/api/v1/models/digits/tokens')).json()).tokens.find((t) => t.id === token.id);
    expect(used?.lastUsedAt).toBeGreaterThan(token.createdAt - 60_000);
  });

  it('opens nothing else: runs, the registry, another model, its own token list, monitoring, MLflow', async () => {
    const { secret } = await create('digits', 'scope');
    const refused: [string, RequestInit, number, string][] = [
      ['/api/v1/runs', {}, 403, 'a predict token may not use GET /api/v1/runs'],
      ['/api/v1/models', {}, 403, 'may not use GET /api/v1/models'],
      ['/api/v1/models/digits', {}, 403, 'may not use GET /api/v1/models/:name'],
      ['/api/v1/models/digits/tokens', {}, 403, 'may not use GET /api/v1/models/:name/tokens'],
      ['/api/v1/models/digits/tokens', jsonInit('POST', { label: 'more' }), 403, 'may not use POST'],
      ['/api/v1/models/digits/aliases/champion', jsonInit('PUT', { version: 1 }), 403, 'may not use PUT'],
      ['/api/v1/models/digits/monitoring', {}, 403, 'may not use GET /api/v1/models/:name/monitoring'],
      ['/api/v1/models/digits/1/monitoring/reference', jsonInit('PUT', body), 403, 'may not use PUT'],
      [predictPath('other', 1), jsonInit('POST', body), 403, 'this predict token is for model "digits", not "other"'],
      ['/api/v1/models/other/1/feedback', jsonInit('POST', { predictionId: 'x', label: 1 }), 403, 'not "other"'],
      ['/api/v1/alerts', {}, 403, 'may not use GET /api/v1/alerts'],
    ];
    for (const [path, init, status, message] of refused) {
      const res = await as(secret, path, init);
      expect([path, res.status]).toEqual([path, status]);
      const { error } = await res.json();
      expect(error.message).toContain(message);
      expect(error.message).toContain('it only calls POST /api/v1/models/digits/<version or alias>/predict');
    }
    for (const path of ['/api/2.0/mlflow/registered-models/search', '/api/2.0/mlflow/experiments/search?max_results=10', '/api/2.0/mlflow-artifacts/artifacts?path=']) {
      const res = await as(secret, path);
      expect([path, res.status]).toEqual([path, 403]);
      expect((await res.json()).error_code).toBe('PERMISSION_DENIED');
    }
    // Public routes ignore it, as they ignore any credential.
    expect((await as(secret, '/api/v1/health')).status).toBe(200);
  });

  it('revoked → 401 with a sentence; follows a renamed model; only the workspace manages tokens', async () => {
    const { token, secret } = await create('digits', 'to revoke');
    expect((await as(secret, predictPath('digits', 1), jsonInit('POST', body))).status).toBe(200);
    expect((await s.api(`/api/v1/models/digits/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await as(secret, predictPath('digits', 1), jsonInit('POST', body));
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toBe('this predict token is unknown or was revoked: create a new one on the model’s page');
    expect((await s.api(`/api/v1/models/digits/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await as('btp_never-made', predictPath('digits', 1), jsonInit('POST', body))).status).toBe(401);

    const renamed = await create('other', 'follows renames');
    const rename = await s.api('/api/2.0/mlflow/registered-models/rename', jsonInit('POST', { name: 'other', new_name: 'other-renamed' }));
    expect(rename.status).toBe(200);
    expect((await as(renamed.secret, predictPath('other-renamed', 1), jsonInit('POST', body))).status).toBe(200);

    const klass = await createClass(s);
    const student = await join(s, klass.code, 'Ada');
    expect((await student.api('/api/v1/models/digits/tokens', jsonInit('POST', { label: 'mine' }))).status).toBe(403);
    expect((await s.api('/api/v1/models/digits/tokens', { ...jsonInit('POST', { label: 'x' }), auth: false })).status).toBe(401);
    expect((await s.api('/api/v1/models/nope/tokens', jsonInit('POST', { label: 'x' }))).status).toBe(404);
    expect((await s.api('/api/v1/models/nope/tokens')).status).toBe(404);
    const blank = await s.api('/api/v1/models/digits/tokens', jsonInit('POST', { label: '  ' }));
    expect(blank.status).toBe(422);
    expect((await blank.json()).error.message).toContain('label must not be empty');
  });
});
