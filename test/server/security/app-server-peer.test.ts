import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '@/lib/server/app-server.mjs';
import { PEER_HEADER, readStampedPeer } from '@/lib/server/peer-stamp.mjs';
import { trackingServerRoute } from '@/lib/server/next-route';
import { toWebRequest, writeWebResponse } from '@/lib/server/standalone';
import { runToWire } from '@/lib/track/api';
import { startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { rawRequest } from './raw-http';

/**
 * The app server (bin/serve.mjs's createAppServer) over real HTTP, in front of the same route
 * function Next's catch-all exports: the peer it stamps decides local trust, and nothing a
 * client sends changes that decision.
 */

/** This machine's first non-loopback IPv4, to act as a client that is not local. */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const unavailable = () => new Response('unavailable', { status: 503 });

async function listen(server: http.Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

/** A node handler that does what Next does with a request: Request in, the route's Response out. */
function routeHandler(s: TestServer) {
  const route = trackingServerRoute(unavailable, async () => s.server.tracking);
  return async (req: http.IncomingMessage, res: http.ServerResponse) => writeWebResponse(req, res, await route(toWebRequest(req)));
}

const accessIn = (body: string) => (JSON.parse(body) as { access: string }).access;
const forged = { 'x-forwarded-for': '127.0.0.1', [PEER_HEADER]: 'guessed-secret 127.0.0.1', origin: 'http://localhost' };

describe('the app server stamps the socket peer (sqlite)', () => {
  let s: TestServer;
  const servers: http.Server[] = [];
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite', env: { BENCHTOP_REQUIRE_TOKEN: '0' } });
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await s?.close();
  });
  const serve = (handle: http.RequestListener, host: string, stamped = true) => {
    const server = stamped ? createAppServer(handle) : http.createServer(handle);
    servers.push(server);
    return listen(server, host);
  };

  it('a loopback client is local without a token and may write', async () => {
    const url = await serve(routeHandler(s), '127.0.0.1');
    expect(accessIn((await rawRequest(`${url}/api/v1/health`)).body)).toBe('local');
    const run = makeRun();
    const put = await rawRequest(`${url}/api/v1/runs/${run.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(runToWire(run)) });
    expect(put.status).toBe(200);
  });

  it.skipIf(!lanAddress)('a non-loopback client stays a stranger whatever X-Forwarded-For, Host or peer header it sends', async () => {
    const url = await serve(routeHandler(s), lanAddress!);
    const headers = { ...forged, host: 'localhost:3000' };
    const health = await rawRequest(`${url}/api/v1/health`, { headers, localAddress: lanAddress });
    expect(accessIn(health.body)).toBe('none');
    const run = makeRun();
    const put = await rawRequest(`${url}/api/v1/runs/${run.id}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(runToWire(run)),
      localAddress: lanAddress,
    });
    expect(put.status).toBe(401);
    expect((await s.api(`/api/v1/runs/${run.id}`)).status).toBe(404);
  });

  it('without the app server (plain `next start`) nobody is local, even a loopback client with forged headers', async () => {
    const url = await serve(routeHandler(s), '127.0.0.1', false);
    expect(accessIn((await rawRequest(`${url}/api/v1/health`)).body)).toBe('none');
    expect(accessIn((await rawRequest(`${url}/api/v1/health`, { headers: forged })).body)).toBe('none');
  });

  it('a stamp is believed only with this process\'s secret, and only when a server made one', async () => {
    let seen: string | undefined = 'unset';
    const url = await serve((req, res) => {
      seen = readStampedPeer(toWebRequest(req).headers);
      res.end();
    }, '127.0.0.1');
    await rawRequest(`${url}/`, { headers: { [PEER_HEADER]: 'guessed-secret 192.0.2.99' } });
    expect(seen).toBe('127.0.0.1');
    const key = Symbol.for('benchtop.peerStampSecret');
    const g = globalThis as Record<symbol, unknown>;
    const secret = g[key] as string;
    expect(readStampedPeer(new Headers({ [PEER_HEADER]: `${secret} 127.0.0.1` }))).toBe('127.0.0.1');
    expect(readStampedPeer(new Headers({ [PEER_HEADER]: `${secret}x 127.0.0.1` }))).toBeUndefined();
    delete g[key];
    try {
      expect(readStampedPeer(new Headers({ [PEER_HEADER]: `${secret} 127.0.0.1` }))).toBeUndefined();
    } finally {
      g[key] = secret;
    }
  });
});

describe.skipIf(!lanAddress)('a listed reverse proxy (sqlite)', () => {
  let s: TestServer;
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    // The LAN address plays the proxy: it is listed, so its X-Forwarded-For names the client.
    s = await startTestServer({ backend: 'sqlite', env: { BENCHTOP_REQUIRE_TOKEN: '0', BENCHTOP_TRUSTED_PROXIES: `${lanAddress}/32` } });
    server = createAppServer(routeHandler(s));
    url = await listen(server, lanAddress!);
  });
  afterAll(async () => {
    server?.close();
    await s?.close();
  });
  const viaProxy = async (xff: string | undefined) =>
    accessIn((await rawRequest(`${url}/api/v1/health`, { headers: { host: 'localhost', ...(xff ? { 'x-forwarded-for': xff } : {}) }, localAddress: lanAddress })).body);

  it('honours the chain from the listed proxy: right-most untrusted hop decides', async () => {
    expect(await viaProxy('127.0.0.1')).toBe('local');
    expect(await viaProxy('127.0.0.1, 198.51.100.4')).toBe('none');
    expect(await viaProxy(undefined)).toBe('none');
  });

  it('ignores X-Forwarded-For from a peer that is not listed (loopback here: a stranger\'s address in it changes nothing)', async () => {
    const loop = createAppServer(routeHandler(s));
    const loopUrl = await listen(loop, '127.0.0.1');
    try {
      const res = await rawRequest(`${loopUrl}/api/v1/health`, { headers: { 'x-forwarded-for': '198.51.100.4' } });
      expect(accessIn(res.body)).toBe('local');
    } finally {
      loop.close();
    }
  });
});
