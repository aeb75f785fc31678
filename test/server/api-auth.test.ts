import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';

/** node:http, because fetch will not let a test forge Host. */
function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe.each(BACKENDS)('workspace token (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend, env: { BENCHTOP_REQUIRE_TOKEN: '1' } });
  });
  afterAll(async () => s?.close());

  it('refuses writes and reads without the token with 401, even from loopback', async () => {
    const run = makeRun();
    const put = await s.api(`/api/v1/runs/${run.id}`, { ...jsonInit('PUT', runToWire(run)), auth: false });
    expect(put.status).toBe(401);
    expect((await put.json()).error.code).toBe('unauthorized');
    expect((await s.api('/api/v1/runs', { auth: false })).status).toBe(401);
    expect((await s.api(`/api/v1/runs/${run.id}`)).status).toBe(404); // with the token: not stored
  });

  it('refuses a wrong token with 401 and accepts the right one', async () => {
    const run = makeRun();
    const wrong = await s.api(`/api/v1/runs/${run.id}`, { ...jsonInit('PUT', runToWire(run), { authorization: 'Bearer not-the-token' }) });
    expect(wrong.status).toBe(401);
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
  });

  it('answers CORS preflights so a browser on another origin can send the token', async () => {
    const res = await s.api('/api/v1/runs/x/metrics', { method: 'OPTIONS', auth: false, headers: { origin: 'https://class.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('trusted local use without a token (sqlite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite', env: { BENCHTOP_REQUIRE_TOKEN: '0' } });
  });
  afterAll(async () => s?.close());

  it('lets a loopback client with a loopback Host read and write without a token', async () => {
    const run = makeRun();
    const res = await s.api(`/api/v1/runs/${run.id}`, { ...jsonInit('PUT', runToWire(run)), auth: false });
    expect(res.status).toBe(200);
    expect((await s.api(`/api/v1/runs/${run.id}`, { auth: false })).status).toBe(200);
    expect(await (await s.api('/api/v1/health', { auth: false })).json()).toMatchObject({ access: 'local' });
    const localhost = await rawRequest(`${s.url}/api/v1/runs`, { headers: { host: `localhost:${s.server.port}` } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a non-loopback Host (DNS rebinding) and a foreign Origin (a web page driving the API)', async () => {
    const rebound = await rawRequest(`${s.url}/api/v1/runs`, { headers: { host: 'evil.example:80' } });
    expect(rebound.status).toBe(401);
    const foreign = await rawRequest(`${s.url}/api/v1/runs`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(401);
    const sameOrigin = await rawRequest(`${s.url}/api/v1/runs`, { headers: { origin: `http://localhost:${s.server.port}` } });
    expect(sameOrigin.status).toBe(200);
  });

  it('ignores a forged X-Forwarded-For on the standalone server (it trusts the socket) but refuses a wrong token', async () => {
    const forged = await rawRequest(`${s.url}/api/v1/runs`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forged.status).toBe(200); // the socket is loopback, which is what counts here
    const wrong = await rawRequest(`${s.url}/api/v1/runs`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses a cross-site text/plain form post (no preflight) with 415', async () => {
    const res = await rawRequest(`${s.url}/api/v1/projects`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"csrf"}' });
    expect(res.status).toBe(415);
  });
});
