import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LIMITS, runToWire } from '@/lib/track/api';
import { v1Routes } from '@/lib/server/http/routes';
import { MLFLOW_ENDPOINTS, MLFLOW_PREFIX } from '@/lib/server/mlflow/routes';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/**
 * Every endpoint that takes a JSON body caps it before parsing: a body over the cap is answered
 * with the cap in the message, whether the client declared its length or streamed it chunked
 * (then it is cut off at the cap, not buffered). The route table is read here, so a new route
 * with a body and no cap fails this test.
 */

/** Routes that take no JSON body: artifact bytes have their own cap (BENCHTOP_MAX_ARTIFACT_BYTES); the others act on the path's resource and read none. */
const NOT_JSON = new Set([
  'PUT /api/v1/runs/:runId/artifacts/:artifactId',
  'POST /api/v1/runs/:runId/shares',
  'POST /api/v1/runs/:runId/restore',
  'POST /api/v1/classes/leave',
  'POST /api/v1/classes/:classId/end',
  'POST /api/v1/classes/:classId/assignments/:assignmentId/copy',
  'POST /api/v1/reports/:reportId/shares',
  // JSON or a binary tensor, capped at SERVING_LIMITS.predictBytes (16 MiB, above OVERSIZE): its 413 is in test/server/serving/predict.test.ts.
  'POST /api/v1/models/:name/:ref/predict',
  // Validation rows for a drift reference: the same 16 MiB cap as predict (413 tested in the serving fuzz seeds' route).
  'PUT /api/v1/models/:name/:ref/monitoring/reference',
]);
/** Larger than every JSON cap (the largest is a run's 4 MiB). */
const OVERSIZE = Math.max(...Object.values(API_LIMITS)) + 1;

/** MLflow's artifact proxy takes raw file bytes, capped at BENCHTOP_MAX_ARTIFACT_BYTES (test/server/mlflow/artifact-proxy.test.ts). */
const MLFLOW_ARTIFACTS = '/api/2.0/mlflow-artifacts';
const jsonRoutes = v1Routes.filter(
  (r) => (r.method === 'POST' || r.method === 'PUT') && !r.path.startsWith(MLFLOW_PREFIX) && !r.path.startsWith(MLFLOW_ARTIFACTS) && !NOT_JSON.has(`${r.method} ${r.path}`),
);

function chunked(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(65_536, totalBytes - sent)).fill(0x20); // spaces: valid JSON padding
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe.each(BACKENDS)('bounds: every JSON body is capped before parsing (%s)', (backend) => {
  let s: TestServer;
  let params: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer({ backend });
    const run = makeRun();
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    const sweep = await (await s.api('/api/v1/sweeps', jsonInit('POST', { spec: 'method: grid\nparameters:\n  a:\n    values: [1]\n' }))).json();
    params = { runId: run.id, sweepId: sweep.sweep.id };
  });
  afterAll(() => s?.close());

  const send = (method: string, path: string, body: BodyInit) =>
    s.api(path, { method, body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);

  it('covers the JSON routes of the route table', () => {
    expect(jsonRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['PUT /api/v1/runs/:runId', 'POST /api/v1/runs/:runId/metrics', 'POST /api/v1/projects', 'POST /api/v1/sweeps', 'POST /api/v1/sweeps/:sweepId/lease']),
    );
  });

  it.each(jsonRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers 413 naming its cap, declared or chunked', async (_, route) => {
    const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? 'x1');
    for (const body of [new Uint8Array(OVERSIZE).fill(0x20), chunked(OVERSIZE)]) {
      const res = await send(route.method, path, body);
      const answer = await res.json();
      expect(res.status, JSON.stringify(answer)).toBe(413);
      expect(answer.error.message).toMatch(/the limit is [\d,]+ bytes/);
    }
  });

  it.each(MLFLOW_ENDPOINTS.filter((e) => e.methods.includes('POST')).map((e) => [e.path, e] as const))(
    'MLflow %s refuses a body over its cap in MLflow\'s shape (INVALID_PARAMETER_VALUE, as log-batch does)',
    async (_, endpoint) => {
      const max = endpoint.maxBodyBytes ?? 1_000_000;
      for (const body of [new Uint8Array(max + 1).fill(0x20), chunked(max + 1)]) {
        const res = await send('POST', MLFLOW_PREFIX + endpoint.path, body);
        const answer = await res.json();
        expect(res.status, JSON.stringify(answer)).toBe(400);
        expect(answer).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(new RegExp(`at most ${max}`)) });
      }
    },
  );
});
