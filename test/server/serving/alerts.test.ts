import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertListResponse, type AlertWebhookPayload } from '@/lib/serving/alerts-api';
import { runToWire } from '@/lib/track/api';
import { toWireNumber } from '@/lib/track/wire-number';
import { MNIST_INPUT_NAME, mnistOnnx } from '@/bench/lib/mnist-onnx';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { createClass, join } from '../classroom/helpers';
import { digitRows, predictJson, registerOnnx } from './serving-fixture';

/** A local webhook receiver: answers 500 to the first `failFirst` POSTs, then 200; keeps every body. */
async function receiver(failFirst: number) {
  const bodies: AlertWebhookPayload[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      calls++;
      if (calls <= failFirst) return void res.writeHead(500).end();
      bodies.push(JSON.parse(text) as AlertWebhookPayload);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, calls: () => calls, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Alert rules on a model version's monitoring and on a run's metrics: a rule fires once when its
 * metric breaks the threshold, POSTs the JSON webhook (retried after a 500), shows as firing, and
 * re-arms when the metric is fine again. Only the workspace sets the webhook, and only http(s).
 */
describe.each(BACKENDS)('alerts (%s)', (backend) => {
  let s: TestServer;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const INPUT = MNIST_INPUT_NAME['mnist-mlp'];
  const alerts = async (query: string) => AlertListResponse.parse(await (await s.api(`/api/v1/alerts${query}`)).json());

  beforeAll(async () => {
    s = await startTestServer({ backend });
    hook = await receiver(1);
    await registerOnnx(s, 'alerted', await mnistOnnx('mnist-mlp'));
  });
  afterAll(async () => {
    await s?.close();
    await hook?.close();
  });

  it('the webhook URL is the workspace owner’s, and must be http(s)', async () => {
    for (const url of ['ftp://example.org/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const res = await s.api('/api/v1/alerts/webhook', jsonInit('PUT', { url }));
      expect(res.status, url).toBe(422);
      expect((await res.json()).error.message).toContain('http:// or https://');
    }
    const klass = await createClass(s);
    const student = await join(s, klass.code, 'Eve');
    expect((await student.api('/api/v1/alerts/webhook', jsonInit('PUT', { url: 'http://evil.example/' }))).status).toBe(403);
    expect((await s.api('/api/v1/alerts/webhook', jsonInit('PUT', { url: hook.url }))).status).toBe(200);
    expect(await (await s.api('/api/v1/alerts/webhook')).json()).toEqual({ url: hook.url });
  });

  it('a model rule (error rate > 0.5) fires once, posts the webhook (retried after a 500) and re-arms', async () => {
    const created = await s.api('/api/v1/alerts', jsonInit('POST', { target: { kind: 'model', name: 'alerted', version: 1 }, metric: 'error_rate', comparator: '>', threshold: 0.5, windowMinutes: 10 }));
    expect(created.status, await created.clone().text()).toBe(201);
    const { rule } = await created.json();
    expect((await alerts('?model=alerted')).rules[0]).toMatchObject({ id: rule.id, state: 'ok' });

    for (let i = 0; i < 3; i++) expect((await predictJson(s, 'alerted', 1, { [INPUT]: [[1]] })).status).toBe(400);
    const firing = (await alerts('?model=alerted')).rules[0];
    expect(firing).toMatchObject({ state: 'firing', lastValue: 1 });
    expect(firing.events).toHaveLength(1);
    await s.server.tracking.services.monitoring.alerts.settled();
    expect(hook.calls()).toBe(2);
    expect(hook.bodies).toHaveLength(1);
    expect(hook.bodies[0]).toMatchObject({ type: 'benchtop.alert', ruleId: rule.id, target: { kind: 'model', name: 'alerted', version: 1 }, metric: 'error_rate', comparator: '>', threshold: 0.5, value: 1, path: '/models/alerted' });
    const delivered = (await alerts('?model=alerted')).rules[0].events[0];
    expect(delivered).toMatchObject({ delivery: 'delivered', attempts: 2 });

    // Still broken: no second event. Fine again (successes push the rate under 0.5): re-armed.
    expect((await alerts('?model=alerted')).rules[0].events).toHaveLength(1);
    for (let i = 0; i < 4; i++) expect((await predictJson(s, 'alerted', 1, { [INPUT]: digitRows([0.1]) })).status).toBe(200);
    expect((await alerts('?model=alerted')).rules[0]).toMatchObject({ state: 'ok' });
  });

  it('a run rule fires when the loss turns NaN', async () => {
    const run = makeRun();
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    const rule = (await (await s.api('/api/v1/alerts', jsonInit('POST', { target: { kind: 'run', runId: run.id }, metric: 'train/loss', comparator: 'not_finite' }))).json()).rule;
    const log = (step: number, value: number) => s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: [{ key: 'train/loss', step, value: toWireNumber(value), timeMs: 1000 + step }] }));
    expect((await log(0, 2.3)).status).toBe(200);
    expect((await alerts(`?runId=${run.id}`)).rules[0]).toMatchObject({ id: rule.id, state: 'ok', lastValue: 2.3 });
    expect((await log(1, Number.NaN)).status).toBe(200);
    const firing = (await alerts(`?runId=${run.id}`)).rules[0];
    expect(firing.state).toBe('firing');
    expect(firing.events[0].message).toContain('train/loss is not finite');
    await s.server.tracking.services.monitoring.alerts.settled();
    expect(hook.bodies.at(-1)).toMatchObject({ target: { kind: 'run', runId: run.id }, value: 'NaN' });
  });

  it('a rule on an alias follows it: moving champion moves the rule to the new version', async () => {
    const bytes = await mnistOnnx('mnist-mlp');
    expect(await registerOnnx(s, 'aliased', bytes)).toBe(1);
    expect(await registerOnnx(s, 'aliased', bytes)).toBe(2);
    expect((await s.api('/api/v1/models/aliased/aliases/champion', jsonInit('PUT', { version: 1 }))).status).toBe(200);
    const created = await s.api('/api/v1/alerts', jsonInit('POST', { target: { kind: 'model', name: 'aliased', alias: 'champion' }, metric: 'requests', comparator: '>', threshold: 3, windowMinutes: 10 }));
    expect(created.status, await created.clone().text()).toBe(201);
    const { rule } = await created.json();
    // Traffic on v2 only, while champion is v1: the rule reads v1 (no requests) and stays ok.
    for (let i = 0; i < 5; i++) expect((await predictJson(s, 'aliased', 2, { [INPUT]: digitRows([0.4]) })).status).toBe(200);
    expect((await alerts('?model=aliased')).rules[0]).toMatchObject({ id: rule.id, target: { kind: 'model', name: 'aliased', alias: 'champion' }, currentVersion: 1, state: 'ok' });
    expect((await s.api('/api/v1/models/aliased/aliases/champion', jsonInit('PUT', { version: 2 }))).status).toBe(200);
    const moved = (await alerts('?model=aliased')).rules[0];
    expect(moved).toMatchObject({ currentVersion: 2, state: 'firing', lastValue: 5 });
    expect(moved.events[0].message).toContain('model aliased@champion (v2): requests > 3');
    await s.server.tracking.services.monitoring.alerts.settled();
    expect(hook.bodies.at(-1)).toMatchObject({ ruleId: rule.id, target: { kind: 'model', name: 'aliased', alias: 'champion' }, version: 2, value: 5 });
    // The alias removed: no version to read, no data, re-armed.
    expect((await s.api('/api/v1/models/aliased/aliases/champion', { method: 'DELETE' })).status).toBe(200);
    expect((await alerts('?model=aliased')).rules[0]).toMatchObject({ currentVersion: null, state: 'ok', lastValue: null });
  });

  it('refuses an alias that is not set, and a target with both or neither of version and alias', async () => {
    const post = (target: unknown) => s.api('/api/v1/alerts', jsonInit('POST', { target, metric: 'requests', comparator: '>' }));
    const unknown = await post({ kind: 'model', name: 'alerted', alias: 'challenger' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('model "alerted" has no alias "challenger"');
    for (const target of [{ kind: 'model', name: 'alerted', version: 1, alias: 'champion' }, { kind: 'model', name: 'alerted' }]) {
      const res = await post(target);
      expect(res.status).toBe(422);
      expect((await res.json()).error.message).toContain('names either a version (e.g. 3) or an alias');
    }
    expect((await post({ kind: 'model', name: 'alerted', alias: 'latest' })).status).toBe(422);
  });

  it('refuses rules on unknown targets or metrics, and deletes rules', async () => {
    const bad = await s.api('/api/v1/alerts', jsonInit('POST', { target: { kind: 'model', name: 'alerted', version: 1 }, metric: 'loss', comparator: '>' }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toContain('error_rate, latency_p50_ms');
    expect((await s.api('/api/v1/alerts', jsonInit('POST', { target: { kind: 'model', name: 'alerted', version: 9 }, metric: 'requests', comparator: '>' }))).status).toBe(404);
    expect((await s.api('/api/v1/alerts', jsonInit('POST', { target: { kind: 'run', runId: 'nope' }, metric: 'x', comparator: '>' }))).status).toBe(404);
    const { rules } = await alerts('?model=alerted');
    expect((await s.api(`/api/v1/alerts/${rules[0].id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await s.api(`/api/v1/alerts/${rules[0].id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
