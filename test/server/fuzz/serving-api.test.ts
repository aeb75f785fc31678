import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { artifactKey } from '@/lib/server/artifact-store';
import { servingRoutes } from '@/lib/server/model-serving/routes';
import { monitoringRoutes } from '@/lib/server/monitoring/routes';
import { alertRoutes } from '@/lib/server/monitoring/alert-routes';
import { predictTokenRoutes } from '@/lib/server/predict-tokens/routes';
import { exportOnnx } from '@/lib/onnx';
import { BACKENDS } from '../harness';
import { makeRun } from '../fixtures';
import { expectHealthy, expectSeedsAccepted, FUZZ_TIMEOUT_MS, fuzzBodies, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of model serving (issue 15): never a 5xx, every 4xx in the error shape, valid requests still answered. */
describe.each(BACKENDS)('fuzz: model serving (%s)', (backend) => {
  let s: FuzzServer;
  const run = makeRun({ id: 'fuzz-serving-run' });
  const artifactId = 'fuzz-serving-run.onnx.1';

  beforeAll(async () => {
    s = await startFuzzServer(backend);
    expect((await s.send('PUT', `/api/v1/runs/${run.id}`, runToWire(run))).status).toBe(200);
    await tf.setBackend('cpu');
    const model = tf.sequential({ layers: [tf.layers.dense({ name: 'small', inputShape: [4], units: 3, activation: 'softmax' })] });
    const bytes = await exportOnnx(model, { quantize: 'none' });
    model.dispose();
    const { services } = s.tracking;
    await services.artifactStore.write(artifactKey(run.id, artifactId), (async function* () {
      yield bytes;
    })());
    await services.artifacts.put({ id: artifactId, runId: run.id, name: 'm.onnx', kind: 'onnx', sizeBytes: bytes.byteLength, sha256: '0'.repeat(64), createdAt: 1 }, artifactKey(run.id, artifactId));
    expect((await s.send('POST', '/api/v1/models/served/versions', { runId: run.id, artifactId })).status).toBe(201);
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  it(
    'POST /models/:name/:ref/predict',
    async () => {
      const seeds = [{ inputs: { small_input: [[0.1, 0.2, 0.3, 0.4]] } }, { inputs: { small_input: { dims: [2, 4], data: [1, 2, 3, 4, 5, 6, 7, 8] } } }];
      await expectSeedsAccepted(s, 'POST', '/api/v1/models/served/1/predict', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/models/served/latest/predict', seeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'POST /models/:name/:ref/feedback and PUT /models/:name/:ref/monitoring/reference',
    async () => {
      const predicted = await s.send('POST', '/api/v1/models/served/1/predict', { inputs: { small_input: [[1, 2, 3, 4]] } });
      const { predictionId } = predicted.json as { predictionId: string };
      const seeds = [{ predictionId, label: 1 }, { predictionId, label: 0 }];
      await expectSeedsAccepted(s, 'POST', '/api/v1/models/served/1/feedback', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/models/served/1/feedback', seeds }))['2xx']).toBeGreaterThan(0);
      const refSeeds = [{ inputs: { small_input: [[1, 2, 3, 4], [2, 3, 4, 5]] } }];
      await expectSeedsAccepted(s, 'PUT', '/api/v1/models/served/1/monitoring/reference', refSeeds);
      expect((await fuzzBodies(s, { method: 'PUT', path: '/api/v1/models/served/1/monitoring/reference', seeds: refSeeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'POST /alerts and PUT /alerts/webhook',
    async () => {
      const seeds = [
        { target: { kind: 'model', name: 'served', version: 1 }, metric: 'error_rate', comparator: '>', threshold: 0.5, windowMinutes: 5 },
        { target: { kind: 'run', runId: run.id }, metric: 'train/loss', comparator: 'not_finite' },
      ];
      await expectSeedsAccepted(s, 'POST', '/api/v1/alerts', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/alerts', seeds }))['2xx']).toBeGreaterThan(0);
      const hookSeeds = [{ url: 'http://127.0.0.1:9/hook' }, { url: null }];
      await expectSeedsAccepted(s, 'PUT', '/api/v1/alerts/webhook', hookSeeds);
      expect((await fuzzBodies(s, { method: 'PUT', path: '/api/v1/alerts/webhook', seeds: hookSeeds }))['2xx']).toBeGreaterThan(0);
      // No webhook left behind: a fuzzed rule that fires must not POST anywhere.
      expect((await s.send('PUT', '/api/v1/alerts/webhook', { url: null })).status).toBe(200);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'POST /models/:name/tokens',
    async () => {
      const seeds = [{ label: 'kiosk' }, { label: 'mobile app, v2 ✓' }];
      await expectSeedsAccepted(s, 'POST', '/api/v1/models/served/tokens', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/models/served/tokens', seeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every serving route with fuzzed path parameters and query strings',
    async () => {
      const cases = await fuzzRoutePaths(s, { routes: [...servingRoutes, ...monitoringRoutes, ...alertRoutes], known: { name: ['served'], ref: ['1', 'latest'], ruleId: ['al-x'] }, queryNames: ['dims', 'dtype', 'input', 'minutes', 'version'] });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'the predict-token routes with fuzzed path parameters',
    async () => {
      const cases = await fuzzRoutePaths(s, { routes: predictTokenRoutes, known: { name: ['served'], tokenId: ['tok-x'] }, queryNames: ['label'] });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers afterwards', async () => {
    await expectHealthy(s, ['/api/v1/models/served', '/api/v1/models/served/monitoring', '/api/v1/alerts', '/api/v1/models/served/tokens']);
    expect((await s.send('POST', '/api/v1/models/served/1/predict', { inputs: { small_input: [[1, 1, 1, 1]] } })).status).toBe(200);
  });
});
