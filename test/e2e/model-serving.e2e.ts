import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadMnist, MNIST_PIXELS } from '@/lib/data/mnist';
import { readMnistFromDisk } from '@/lib/data/mnist-node';
import { driftReference } from '@/lib/serving/drift';
import { mnistOnnx } from '@/bench/lib/mnist-onnx';
import { registerOnnxOverHttp } from '@/bench/lib/register-onnx-http';
import { launchChromium } from './browser';

/**
 * Serving and monitoring on the production build: the MNIST MLP's int8 export (with a drift
 * reference of real validation digits) is registered, a script predicts 500 times on inverted
 * digits (a shifted input distribution), and the model page shows the latency chart, the drift
 * flag and the firing alert, whose webhook reached a local receiver. Then a predict token is
 * made, used and revoked on the model page.
 */
const baseUrl = inject('baseUrl');
const MODEL = `e2e-mnist-${Date.now().toString(36)}`;
const PREDICTIONS = 500;

describe('serve, monitor and alert', () => {
  let browser: Browser;
  let page: Page;
  const received: { metric?: string; target?: unknown; value?: unknown }[] = [];
  let receiver: http.Server;
  let digits: Float32Array[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => (received.push(JSON.parse(text)), res.writeHead(200).end()));
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
    expect((await fetch(`${baseUrl}/api/v1/alerts/webhook`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: hook }) })).status).toBe(200);

    readMnistFromDisk();
    const all = await loadMnist();
    digits = Array.from({ length: 600 }, (_, i) => Float32Array.from(all.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), (v) => v / 255));
    const validation = digits.slice(0, 400);
    const reference = driftReference({ hidden: { data: Float32Array.from(validation.flatMap((d) => Array.from(d))), rows: validation.length } });
    const { version } = await registerOnnxOverHttp({ baseUrl, name: MODEL, bytes: await mnistOnnx('mnist-mlp', { quantize: 'int8' }), meta: { quantize: 'int8', passed: true, driftReference: reference } });
    expect(version).toBe(1);
    const rule = await fetch(`${baseUrl}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: { kind: 'model', name: MODEL, version: 1 }, metric: 'drift_psi', comparator: '>', threshold: 0.2, windowMinutes: 60 }),
    });
    expect(rule.status).toBe(201);
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(90_000);
  });

  afterAll(async () => {
    await fetch(`${baseUrl}/api/v1/alerts/webhook`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: null }) });
    await browser?.close();
    await new Promise((r) => receiver?.close(r));
  });

  it(`${PREDICTIONS} predictions on shifted (inverted) digits: latency chart, drift flag and a webhook call`, async () => {
    let failures = 0;
    let next = 0;
    const client = async () => {
      while (next < PREDICTIONS) {
        const i = next++;
        const shifted = digits[400 + (i % 200)].map((v) => 1 - v);
        const res = await fetch(`${baseUrl}/api/v1/models/${MODEL}/latest/predict`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-benchtop-dims': '1,784' }, body: new Uint8Array(shifted.buffer) });
        await res.arrayBuffer();
        if (!res.ok) failures++;
      }
    };
    await Promise.all(Array.from({ length: 4 }, client));
    expect(failures).toBe(0);

    await page.goto(`${baseUrl}/models/${MODEL}`);
    const panel = page.getByTestId('monitoring-v1');
    await panel.getByText(`${PREDICTIONS} requests`).waitFor();
    await panel.locator('figure', { hasText: 'latency (ms)' }).locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('drift-flag').textContent()).toMatch(/Drift: PSI \d+\.\d+ \(500 rows\) > 0\.2/);
    const firing = page.locator('[data-testid="alert-rule"][data-state="firing"]');
    await firing.waitFor();
    // The rule's last value reads like a metric (4 significant digits), not a raw double.
    expect(await firing.innerText()).toMatch(/now \d+(\.\d{1,4})?(?![\d.])/);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ metric: 'drift_psi', target: { kind: 'model', name: MODEL, version: 1 } });
    expect(Number(received[0].value)).toBeGreaterThan(0.2);
  });

  it('a predict token made on the model page predicts on this model only, shows its last use, and is revoked there', async () => {
    const predictWith = (secret: string, model = MODEL) =>
      fetch(`${baseUrl}/api/v1/models/${model}/1/predict`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/octet-stream', 'x-benchtop-dims': '1,784' }, body: new Uint8Array(Float32Array.from(digits[0]).buffer) });
    await page.goto(`${baseUrl}/models/${MODEL}`);
    const form = page.getByRole('form', { name: 'Create a predict token' });
    await form.getByLabel('Label').fill('e2e kiosk');
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('predict-token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^btp_/);
    expect((await predictWith(secret)).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/v1/runs`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(403);
    await page.reload();
    const row = page.getByTestId('predict-token').filter({ hasText: 'e2e kiosk' });
    await expect.poll(() => row.locator('td').nth(3).textContent()).not.toBe('never');
    await expect.poll(() => page.getByTestId('new-predict-token').count()).toBe(0); // shown once: gone after a reload
    await row.getByRole('button', { name: 'Revoke token e2e kiosk' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await predictWith(secret)).status).toBe(401);
  });
});
