import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitoringResponse, PredictResponse } from '@/lib/serving/api';
import { driftReference, PSI_DRIFT_THRESHOLD } from '@/lib/serving/drift';
import { createRng } from '@/lib/data/rng';
import { MNIST_INPUT_NAME, mnistOnnx } from '@/bench/lib/mnist-onnx';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { predictJson, registerOnnx } from './serving-fixture';

/**
 * Monitoring of served versions (migration 009): request and error counts, latency percentiles
 * per minute, the class histogram, PSI drift against the reference the export kept (in the
 * artifact's meta) or one sent later, and accuracy from labelled feedback.
 */

/** Digit-like rows: ~80% dark pixels, the rest bright, `shift` added to every pixel. */
function digits(seed: number, rows: number, shift = 0): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: 784 }, () => (rng() < 0.8 ? 0 : 0.5 + rng() * 0.5) + shift));
}

describe.each(BACKENDS)('model monitoring (%s)', (backend) => {
  let s: TestServer;
  const INPUT = MNIST_INPUT_NAME['mnist-mlp'];
  const monitoring = async (query = '') => MonitoringResponse.parse(await (await s.api(`/api/v1/models/watched/monitoring${query}`)).json());

  beforeAll(async () => {
    s = await startTestServer({ backend });
    const validation = digits(1, 400).flat();
    const reference = driftReference({ hidden: { data: validation, rows: 400 } });
    await registerOnnx(s, 'watched', await mnistOnnx('mnist-mlp'), { quantize: 'int8', driftReference: reference });
    await registerOnnx(s, 'watched', await mnistOnnx('mnist-mlp', { seed: 2 }));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('counts requests and errors per version and minute, with latency percentiles and the class histogram', async () => {
    for (const row of digits(2, 20)) expect((await predictJson(s, 'watched', 1, { [INPUT]: [row] })).status).toBe(200);
    expect((await predictJson(s, 'watched', 1, { [INPUT]: [[1, 2, 3]] })).status).toBe(400);
    const body = await monitoring();
    const v1 = body.versions.find((v) => v.version === 1)!;
    expect(v1.totals).toMatchObject({ requests: 21, errors: 1 });
    expect(v1.totals.errorRate).toBeCloseTo(1 / 21, 6);
    expect(v1.totals.p50Ms).toBeGreaterThan(0);
    expect(v1.totals.p99Ms).toBeGreaterThanOrEqual(v1.totals.p95Ms!);
    expect(v1.series.reduce((n, p) => n + p.requests, 0)).toBe(21);
    expect(v1.series[0].rssBytes).toBeGreaterThan(1_000_000);
    expect(Object.values(v1.classes).reduce((a, b) => a + b, 0)).toBe(20);
    expect(body.versions.find((v) => v.version === 2)).toMatchObject({ totals: { requests: 0 }, drift: null });
  });

  it('flags drift (PSI > 0.2) once served inputs shift from the export’s reference, not before', async () => {
    const few = (await monitoring('?version=1')).versions[0].drift!;
    expect(few).toMatchObject({ rows: 20, flagged: false, threshold: PSI_DRIFT_THRESHOLD, minRows: 50 });
    for (let i = 0; i < 4; i++) expect((await predictJson(s, 'watched', 1, { [INPUT]: digits(10 + i, 25) })).status).toBe(200);
    const before = (await monitoring('?version=1')).versions[0].drift!;
    expect(before.rows).toBe(120);
    expect(before.flagged).toBe(false);
    expect(before.maxPsi!).toBeLessThan(PSI_DRIFT_THRESHOLD);
    for (let i = 0; i < 4; i++) await predictJson(s, 'watched', 1, { [INPUT]: digits(20 + i, 30, 0.3) });
    const after = (await monitoring('?version=1')).versions[0].drift!;
    expect(after.flagged).toBe(true);
    expect(after.psi.hidden.mean).toBeGreaterThan(PSI_DRIFT_THRESHOLD);
  });

  it('takes a reference for a version later (PUT …/monitoring/reference) and compares from then on', async () => {
    const res = await s.api('/api/v1/models/watched/2/monitoring/reference', jsonInit('PUT', { inputs: { [INPUT]: digits(4, 200) } }));
    expect(res.status, await res.clone().text()).toBe(200);
    for (const row of digits(5, 10)) await predictJson(s, 'watched', 2, { [INPUT]: [row] });
    const drift = (await monitoring('?version=2')).versions[0].drift!;
    expect(drift.psi[INPUT].mean).not.toBeNull();
    const bad = await s.api('/api/v1/models/watched/2/monitoring/reference', jsonInit('PUT', { inputs: { [INPUT]: [[1, 2]] } }));
    expect(bad.status).toBe(400);
  });

  it('accuracy from labelled feedback; unknown predictions are a 404', async () => {
    const answers = await Promise.all(digits(6, 4).map(async (row) => PredictResponse.parse(await (await predictJson(s, 'watched', 2, { [INPUT]: [row] })).json())));
    const labels = [answers[0].classes![0], answers[1].classes![0], (answers[2].classes![0] + 1) % 10, (answers[3].classes![0] + 1) % 10];
    for (const [i, a] of answers.entries()) {
      const res = await s.api('/api/v1/models/watched/2/feedback', jsonInit('POST', { predictionId: a.predictionId, label: labels[i] }));
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json()).prediction.correct).toBe(i < 2);
    }
    const acc = (await monitoring('?version=2')).versions[0].accuracy;
    expect(acc).toMatchObject({ labelled: 4, correct: 2, accuracy: 0.5 });
    const unknown = await s.api('/api/v1/models/watched/2/feedback', jsonInit('POST', { predictionId: 'nope', label: 1 }));
    expect(unknown.status).toBe(404);
    const invalid = await s.api('/api/v1/models/watched/2/feedback', jsonInit('POST', { predictionId: answers[0].predictionId, label: -1 }));
    expect(invalid.status).toBe(422);
  });

  it('404 for the monitoring of an unknown model', async () => {
    expect((await s.api('/api/v1/models/nope/monitoring')).status).toBe(404);
  });
});
