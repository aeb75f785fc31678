import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_META_HEADER, base64UrlEncode, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import type { Artifact } from '@/lib/track/schemas';
import { healthRoutes } from '@/lib/server/http/routes/health';
import { projectRoutes } from '@/lib/server/http/routes/projects';
import { runRoutes } from '@/lib/server/http/routes/runs';
import { metricRoutes } from '@/lib/server/http/routes/metrics';
import { artifactRoutes } from '@/lib/server/http/routes/artifacts';
import { shareRoutes } from '@/lib/server/http/routes/shares';
import { BACKENDS } from '../harness';
import { makeRun } from '../fixtures';
import { toJsonText } from './json-text';
import { nearValid } from './near-valid';
import { hostileString } from './hostile';
import { expectHealthy, printCollected, expectSeedsAccepted, FUZZ_RUNS, FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzBodies, probe, startFuzzServer, type FuzzServer } from './fuzz-server';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of the native /api/v1 routes (issue 10): never a 5xx, 4xx in the error shape. */
describe.each(BACKENDS)('fuzz: native /api/v1 (%s)', (backend) => {
  let s: FuzzServer;
  const run = makeRun({ id: 'fuzz-run', summary: { loss: { last: Number.NaN, min: 0.1, max: Number.POSITIVE_INFINITY, step: 3, count: 4 } } });
  const bytes = new TextEncoder().encode('checkpoint bytes');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const artifact: Artifact = { id: 'fuzz-art', runId: run.id, name: 'model.onnx', kind: 'onnx', sizeBytes: bytes.byteLength, sha256, createdAt: 1_700_000_000_000, meta: { epoch: 3 } };
  let shareToken = '';

  beforeAll(async () => {
    s = await startFuzzServer(backend);
    expect((await s.send('PUT', `/api/v1/runs/${run.id}`, runToWire(run))).status).toBe(200);
    expect((await s.send('POST', `/api/v1/runs/${run.id}/metrics`, { points: [{ key: 'loss', step: 0, value: 1, timeMs: 1 }] })).status).toBe(200);
    const put = await s.call({
      method: 'PUT',
      path: `/api/v1/runs/${run.id}/artifacts/${artifact.id}`,
      body: Buffer.from(bytes).toString('latin1'),
      contentType: 'application/octet-stream',
      headers: { [SHA256_HEADER]: sha256, [ARTIFACT_META_HEADER]: encodeArtifactMeta(artifact) },
    });
    expect(put.status, put.text).toBe(200);
    shareToken = ((await s.send('POST', `/api/v1/runs/${run.id}/shares`)).json as { share: { token: string } }).share.token;
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  it(
    'POST /projects',
    async () => {
      const seeds = [{ name: 'Fuzz project' }, { id: 'fuzz-proj', name: 'x' }];
      await expectSeedsAccepted(s, 'POST', '/api/v1/projects', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/projects', seeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'PUT /runs/:runId',
    async () => {
      const seeds = [
        runToWire(makeRun({ id: 'fuzz-put' })),
        runToWire(makeRun({ id: 'fuzz-put', source: 'mlflow', code: null, config: { a: { b: [1, 'x', null] } }, summary: { acc: { last: 0.5, min: 0, max: 1, step: 9, count: 10 } } })),
      ];
      await expectSeedsAccepted(s, 'PUT', '/api/v1/runs/fuzz-put', seeds);
      expect((await fuzzBodies(s, { method: 'PUT', path: '/api/v1/runs/fuzz-put', seeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'POST /runs/:runId/metrics',
    async () => {
      const seeds = [
        { points: [{ key: 'loss', step: 1, value: 0.5, timeMs: 1_700_000_000_000 }, { key: 'acc', step: 1, value: 'NaN', timeMs: 1_700_000_000_001 }] },
        { series: [{ key: 'loss', steps: [2, 3], values: [0.25, 'Infinity'], timesMs: [1_700_000_000_002, 1_700_000_000_003] }] },
        { points: [{ key: 'lr', step: 4, value: 1e-3, timeMs: 1 }], series: [{ key: 'val/loss', steps: [4], values: [-0.5], timesMs: [2] }] },
      ];
      await expectSeedsAccepted(s, 'POST', `/api/v1/runs/${run.id}/metrics`, seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: `/api/v1/runs/${run.id}/metrics`, seeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'PUT /runs/:runId/artifacts/:artifactId (metadata header and checksum)',
    async () => {
      const metas = nearValid([artifact, { ...artifact, meta: undefined, kind: 'checkpoint' }]);
      const header = fc.oneof(
        { weight: 8, arbitrary: metas.map((m) => base64UrlEncode(new TextEncoder().encode(toJsonText(m)))) },
        { weight: 1, arbitrary: hostileString.map((t) => t.replace(/[\r\n\0]/g, '')).filter((t) => /^[\t\x20-\x7e]*$/.test(t)) },
      );
      const sha = fc.oneof({ weight: 4, arbitrary: fc.constant(sha256) }, { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{0,70}$/) });
      await fc.assert(
        fc.asyncProperty(header, sha, async (meta, digest) => {
          await probe(s, {
            method: 'PUT',
            path: `/api/v1/runs/${run.id}/artifacts/${artifact.id}`,
            body: Buffer.from(bytes).toString('latin1'),
            contentType: 'application/octet-stream',
            headers: { [SHA256_HEADER]: digest, [ARTIFACT_META_HEADER]: meta },
          });
        }),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: false },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every route with fuzzed path parameters and query strings',
    async () => {
      const cases = await fuzzRoutePaths(s, {
        routes: [...healthRoutes, ...projectRoutes, ...runRoutes, ...metricRoutes, ...artifactRoutes, ...shareRoutes],
        known: { runId: [run.id], artifactId: [artifact.id], token: [shareToken] },
        queryNames: ['projectId', 'sweepId', 'limit', 'cursor', 'key', 'maxPoints', 'minStep', 'maxStep'],
      });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers its health check and lists afterwards', async () => {
    await expectHealthy(s, ['/api/v1/runs', '/api/v1/projects', `/api/v1/runs/${run.id}`, `/api/v1/runs/${run.id}/metrics/keys`, `/api/v1/shares/${shareToken}`]);
  });
});
