import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LIMITS, runToWire } from '@/lib/track/api';
import { toWireNumber } from '@/lib/track/wire-number';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makePoints, makeRun } from './fixtures';

const wirePoints = (points: ReturnType<typeof makePoints>) =>
  points.map((p) => ({ key: p.key, step: p.step, value: toWireNumber(p.value), timeMs: p.timeMs }));

describe.each(BACKENDS)('metric batches and history over HTTP (%s)', (backend) => {
  let s: TestServer;
  let runId: string;
  const post = (body: unknown, id = runId) => s.api(`/api/v1/runs/${id}/metrics`, jsonInit('POST', body));
  const history = async (query: string, id = runId) => {
    const res = await s.api(`/api/v1/runs/${id}/metrics/history?${query}`);
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    s = await startTestServer({ backend });
    const run = makeRun();
    runId = run.id;
    expect((await s.api(`/api/v1/runs/${runId}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
  });
  afterAll(async () => s?.close());

  it('is idempotent: re-sending a batch changes nothing', async () => {
    const points = makePoints(runId, 'idem', 1_500);
    for (let i = 0; i < 3; i++) expect(await (await post({ points: wirePoints(points) })).json()).toEqual({ accepted: 1_500 });
    const keys = (await (await s.api(`/api/v1/runs/${runId}/metrics/keys`)).json()).keys;
    expect(keys.find((k: { key: string }) => k.key === 'idem')).toMatchObject({ count: 1_500, minStep: 0, maxStep: 1_499 });
    const h = await history('key=idem&maxPoints=100000');
    expect(h.downsampled).toBe(false);
    expect(h.points).toHaveLength(1_500);
    expect(h.points.map((p: { value: number }) => p.value)).toEqual(points.map((p) => p.value));
  });

  it('round-trips NaN, Infinity and -Infinity', async () => {
    const values = [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.25, Number.MAX_VALUE, Number.MIN_VALUE];
    const points = values.map((v, step) => ({ key: 'weird', step, value: toWireNumber(v), timeMs: 1_000 + step }));
    expect((await post({ points })).status).toBe(200);
    const h = await history('key=weird');
    expect(h.points).toEqual(points.map(({ step, value, timeMs }) => ({ step, value, timeMs })));
    const k = (await (await s.api(`/api/v1/runs/${runId}/metrics/keys`)).json()).keys.find((x: { key: string }) => x.key === 'weird');
    expect(k).toMatchObject({ count: 7, min: '-Infinity', max: 'Infinity', last: Number.MIN_VALUE });
  });

  it('answers 413 naming the point limit', async () => {
    const points = wirePoints(makePoints(runId, 'big', API_LIMITS.metricBatchPoints + 1));
    const res = await post({ points });
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toContain('10,000');
    expect((await (await s.api(`/api/v1/runs/${runId}/metrics/keys`)).json()).keys.map((k: { key: string }) => k.key)).not.toContain('big');
  });

  it('answers 413 naming the byte limit, by Content-Length and by counting a chunked body', async () => {
    const longKey = 'k'.repeat(250);
    const points = Array.from({ length: 5_000 }, (_, step) => ({ key: longKey, step, value: 1, timeMs: 1 }));
    const declared = await post({ points });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.message).toContain('1,048,576 bytes (1 MiB)');

    // No Content-Length: the server must count while reading.
    const body = JSON.stringify({ points });
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(`${s.url}/api/v1/runs/${runId}/metrics`);
      const req = http.request(
        { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.message).toContain('1,048,576');
  });

  it('refuses bad JSON with 400 and wrong types with 422 naming the field', async () => {
    const bad = await s.api(`/api/v1/runs/${runId}/metrics`, { method: 'POST', body: '{"points": [', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');

    const wrong = await post({ points: [{ key: 'a', step: 0, value: 1, timeMs: 1 }, { key: 'a', step: 1, value: 'lots', timeMs: 1 }] });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error).toMatchObject({ code: 'validation_failed', field: 'points.1.value' });

    const fractional = await post({ points: [{ key: 'a', step: 1.5, value: 1, timeMs: 1 }] });
    expect((await fractional.json()).error.field).toBe('points.0.step');

    const notJson = await s.api(`/api/v1/runs/${runId}/metrics`, { method: 'POST', body: '{"points":[]}', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);

    const badQuery = await s.api(`/api/v1/runs/${runId}/metrics/history?key=idem&maxPoints=many`);
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).error.field).toBe('maxPoints');
    // Nothing of the refused batches was stored.
    const keys = (await (await s.api(`/api/v1/runs/${runId}/metrics/keys`)).json()).keys.map((k: { key: string }) => k.key);
    expect(keys).not.toContain('a');
  });

  it('accepts the columnar form, counts it against the limit and checks its lengths', async () => {
    const ok = await post({ series: [{ key: 'col', steps: [0, 1, 2], values: [1, 'NaN', 'Infinity'], timesMs: [5, 6, 7] }] });
    expect(await ok.json()).toEqual({ accepted: 3 });
    expect((await history('key=col')).points).toEqual([
      { step: 0, value: 1, timeMs: 5 },
      { step: 1, value: 'NaN', timeMs: 6 },
      { step: 2, value: 'Infinity', timeMs: 7 },
    ]);
    const uneven = await post({ series: [{ key: 'col', steps: [3, 4], values: [1], timesMs: [1, 2] }] });
    expect(uneven.status).toBe(422);
    expect((await uneven.json()).error.field).toBe('series.0.values');
    const n = API_LIMITS.metricBatchPoints / 2 + 1;
    const column = { steps: Array.from({ length: n }, (_, i) => i), values: Array(n).fill(0), timesMs: Array(n).fill(0) };
    const tooMany = await post({ series: [{ key: 'x', ...column }, { key: 'y', ...column }] });
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error.message).toContain('10,002 points');
  });

  it('404s metrics for an unknown run and history for an unknown key', async () => {
    expect((await post({ points: [] }, 'no-such-run')).status).toBe(404);
    expect((await s.api(`/api/v1/runs/${runId}/metrics/history?key=never`)).status).toBe(404);
  });

  it('downsamples to buckets that keep min, max and last; zoom returns full resolution', async () => {
    const n = 20_000;
    // A spike and a dip that a naive "every k-th point" sampler would miss.
    const valueOf = (step: number) => (step === 12_345 ? 1_000 : step === 7_777 ? -1_000 : (step % 100) / 100);
    await post({ points: wirePoints(makePoints(runId, 'ds', 10_000, 0, valueOf)) });
    await post({ points: wirePoints(makePoints(runId, 'ds', 10_000, 10_000, valueOf)) });

    const h = await history('key=ds&maxPoints=100');
    expect(h.downsampled).toBe(true);
    expect(h.points.length).toBeLessThanOrEqual(100);
    expect(h.points.reduce((a: number, p: { count: number }) => a + p.count, 0)).toBe(n);
    expect(Math.max(...h.points.map((p: { max: number }) => p.max))).toBe(1_000);
    expect(Math.min(...h.points.map((p: { min: number }) => p.min))).toBe(-1_000);
    for (const p of h.points) {
      const bucket = Math.floor(p.step / h.bucketWidth);
      const steps = Array.from({ length: h.bucketWidth }, (_, i) => bucket * h.bucketWidth + i).filter((x) => x < n);
      const values = steps.map(valueOf);
      expect(p).toMatchObject({ step: steps[steps.length - 1], value: valueOf(steps[steps.length - 1]), count: steps.length });
      expect(p.min).toBe(Math.min(...values));
      expect(p.max).toBe(Math.max(...values));
    }

    const zoom = await history('key=ds&minStep=12300&maxStep=12399&maxPoints=1000');
    expect(zoom.downsampled).toBe(false);
    expect(zoom.points).toHaveLength(100);
    expect(zoom.points.find((p: { step: number }) => p.step === 12_345).value).toBe(1_000);

    const cut = await history('key=ds&minStep=1234&maxStep=15678&maxPoints=50');
    expect(cut.downsampled).toBe(true);
    expect(cut.points.length).toBeLessThanOrEqual(50);
    expect(cut.points.reduce((a: number, p: { count: number }) => a + p.count, 0)).toBe(15_678 - 1_234 + 1);
    expect(cut.points[cut.points.length - 1].step).toBe(15_678);
    expect(Math.max(...cut.points.map((p: { max: number }) => p.max))).toBe(1_000);
  });
});
