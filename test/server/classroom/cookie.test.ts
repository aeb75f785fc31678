import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { createClass, errorOf, join, putRun, type Joined } from './helpers';

describe.each(BACKENDS)('the class cookie: CSRF and precedence (%s)', (backend) => {
  let s: TestServer;
  let ada: Joined;
  beforeAll(async () => {
    // Trusted local use on: a student on the teacher's own laptop must still be a student.
    s = await startTestServer({ backend, env: { BENCHTOP_REQUIRE_TOKEN: '0' } });
    ada = await join(s, (await createClass(s)).code, 'Ada');
  });
  afterAll(async () => s?.close());

  const withCookie = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(s.url + path, { ...init, headers: { cookie: `benchtop_student=${ada.token}`, ...init.headers } });

  it('accepts a write with the cookie and this server as Origin, and a read with no Origin', async () => {
    expect((await putRun(ada.cookieApi)).status).toBe(200);
    expect((await withCookie('/api/v1/runs')).status).toBe(200);
  });

  it('refuses cookie-authenticated writes without an Origin or from another origin (another port of the same host too)', async () => {
    const run = makeRun();
    const body = jsonInit('PUT', { id: run.id });
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'must carry an Origin header'],
      [{ origin: 'null' }, 'must carry an Origin header'],
      [{ origin: 'http://evil.example' }, 'is not this server'],
      [{ origin: s.url.replace(/:\d+$/, ':1') }, 'is not this server'],
      // X-Forwarded-Host counts only from a trusted proxy (none here).
      [{ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' }, 'is not this server'],
    ];
    for (const [headers, why] of cases) {
      const res = await withCookie(`/api/v1/runs/${run.id}`, { ...body, headers: { 'content-type': 'application/json', ...headers } });
      const e = await errorOf(res);
      expect(e.status, JSON.stringify(headers)).toBe(403);
      expect(e.message).toContain(why);
    }
    expect((await s.api(`/api/v1/runs/${run.id}`)).status).toBe(404); // nothing was written
    // The bearer token is not a cookie: no Origin needed (scripts).
    expect((await putRun(ada.api)).status).toBe(200);
  });

  it('makes a student on loopback a student, not trusted local use', async () => {
    expect((await fetch(`${s.url}/api/v1/classes`)).status).toBe(200); // trusted local, no credential
    const e = await errorOf(await withCookie('/api/v1/classes'));
    expect(e).toMatchObject({ status: 403, code: 'forbidden' });
    expect(e.message).toContain('students may not use GET /api/v1/classes');
    expect((await (await withCookie('/api/v1/health')).json()).access).toBe('student');
  });

  it('lets an explicit workspace token win over a student cookie in the same browser', async () => {
    const res = await fetch(`${s.url}/api/v1/classes`, { headers: { cookie: `benchtop_student=${ada.token}`, authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
  });

  it('ignores a stale cookie (no such student) instead of locking the browser out', async () => {
    const res = await fetch(`${s.url}/api/v1/classes`, { headers: { cookie: 'benchtop_student=bts_gone' } });
    expect(res.status).toBe(200);
  });
});

describe('behind a reverse proxy (sqlite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite', env: { BENCHTOP_TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => s?.close());

  it('marks the cookie Secure when a trusted proxy says the browser came over HTTPS, and builds an https join link', async () => {
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.168.1.7' };
    const cls = await (await s.api('/api/v1/classes', jsonInit('POST', { name: 'c' }, proxied))).json();
    expect(cls.joinUrl).toMatch(/^https:\/\//);
    const res = await s.api('/api/v1/classes/join', { ...jsonInit('POST', { code: cls.code, name: 'Ada' }, proxied), auth: false });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toContain('; Secure');
    const token = (await res.json()).token as string;
    const write = (headers: Record<string, string>) => putRun((p, i) => fetch(s.url + p, { ...i, headers: { ...(i?.headers as Record<string, string>), cookie: `benchtop_student=${token}`, ...headers } }));
    expect((await write({ ...proxied, 'x-forwarded-host': 'class.example', origin: 'https://class.example' })).status).toBe(200);
    expect((await write({ ...proxied, 'x-forwarded-host': 'class.example', origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('BENCHTOP_PUBLIC_URL (sqlite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite', env: { BENCHTOP_PUBLIC_URL: 'https://class.example:8443/' } });
  });
  afterAll(async () => s?.close());

  it('builds join links from it and accepts cookie writes whose Origin is it (a proxy that rewrites Host)', async () => {
    const c = await createClass(s);
    expect(c.joinUrl).toBe(`https://class.example:8443/join/${c.code}`);
    const ada = await join(s, c.code, 'Ada');
    const put = (origin: string) => putRun((p, i) => ada.cookieApi(p, { ...i, headers: { ...(i?.headers as Record<string, string>), origin } }));
    expect((await put('https://class.example:8443')).status).toBe(200);
    expect((await put(s.url)).status).toBe(200);
    expect((await put('https://class.example')).status).toBe(403); // another port is another origin
  });
});
