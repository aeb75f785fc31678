import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '@/lib/server/client-address';
import { lanAddresses } from '@/lib/server/lan-urls.mjs';
import { cameOverHttps } from '@/lib/server/secure-request';
import { publishServing } from '@/lib/server/serving.mjs';
import { ServerInfoSchema } from '@/lib/shared/server-info';
import { BACKENDS, startTestServer, type TestServer } from '../harness';

/** GET /api/v1/server-info: how students reach this server, for the teacher's join link and QR. */
describe.each(BACKENDS)('GET /api/v1/server-info (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('needs the workspace token: none → 401, a wrong one → 401, naming the header', async () => {
    const none = await s.api('/api/v1/server-info', { auth: false });
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toContain('Authorization: Bearer <token>');
    const wrong = await s.api('/api/v1/server-info', { auth: false, headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
  });

  it('answers "not HTTPS, no URL known" where no app server published anything (the standalone API server)', async () => {
    const res = await s.api('/api/v1/server-info');
    expect(res.status).toBe(200);
    expect(ServerInfoSchema.parse(await res.json())).toEqual({ https: false, lanUrls: [], fingerprint256: null });
  });

  it('answers what the app server published, with the LAN addresses read now', async () => {
    publishServing({ protocol: 'https', port: 3443, fingerprint256: 'AB:CD' });
    try {
      const info = ServerInfoSchema.parse(await (await s.api('/api/v1/server-info')).json());
      const expected = lanAddresses().map((a) => `https://${a.includes(':') ? `[${a}]` : a}:3443`);
      expect(info).toEqual({ https: true, lanUrls: expected, fingerprint256: 'AB:CD' });
      publishServing({ protocol: 'http', port: 3000, host: '127.0.0.1', fingerprint256: null });
      expect(await (await s.api('/api/v1/server-info')).json()).toEqual({ https: false, lanUrls: [], fingerprint256: null });
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('benchtop.serving')];
    }
  });

  it('rejects other methods with 405', async () => {
    const res = await s.api('/api/v1/server-info', { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
  });
});

describe('cameOverHttps (Secure cookies)', () => {
  const proxies = parseTrustedProxies('10.0.0.5');
  const req = (proto?: string) => new Request('http://x/', { headers: proto ? { 'x-forwarded-proto': proto } : {} });

  it('believes the stamp of our own TLS socket', () => {
    expect(cameOverHttps(req(), { remoteAddress: '192.0.2.9', secure: true }, proxies)).toBe(true);
    expect(cameOverHttps(req(), { remoteAddress: '192.0.2.9' }, proxies)).toBe(false);
  });

  it('believes X-Forwarded-Proto only from a listed proxy, and only its own (right-most) value', () => {
    expect(cameOverHttps(req('https'), { remoteAddress: '10.0.0.5' }, proxies)).toBe(true);
    expect(cameOverHttps(req('https'), { remoteAddress: '::ffff:10.0.0.5' }, proxies)).toBe(true);
    expect(cameOverHttps(req('https'), { remoteAddress: '192.0.2.9' }, proxies)).toBe(false);
    expect(cameOverHttps(req('https'), {}, proxies)).toBe(false);
    expect(cameOverHttps(req('https, http'), { remoteAddress: '10.0.0.5' }, proxies)).toBe(false);
  });
});
