import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from '@/lib/server/app-server.mjs';
import { lanAddresses } from '@/lib/server/lan-urls.mjs';
import { listenApp } from '@/lib/server/listen-app.mjs';
import { PEER_HEADER, readStamp } from '@/lib/server/peer-stamp.mjs';
import { servingInfo } from '@/lib/server/serving.mjs';
import { resolveCertificate } from '@/lib/server/tls-cert.mjs';
import { tempDataDir } from '../harness';

/**
 * The HTTPS app server (bin/serve.mjs --https) around a stub handler in place of Next: what it
 * prints, what it serves, what route handlers learn from its stamp, and how bin/serve.mjs itself
 * refuses a bad certificate setting before Next even starts.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const lan = lanAddresses();

/** What the handler saw of each request: the stamp (address, TLS) and Next's protocol header. */
const seen: { stamp: ReturnType<typeof readStamp>; proto?: string }[] = [];
const echo = (req: http.IncomingMessage, res: http.ServerResponse) => {
  seen.push({ stamp: readStamp(new Headers(req.headers as Record<string, string>)), proto: req.headers['x-forwarded-proto'] as string | undefined });
  res.end('ok');
};

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; location?: string }> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    client
      .get(url, { headers, rejectUnauthorized: false, agent: false, timeout: 5_000 }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('timed out'));
      })
      .on('error', reject);
  });
}

describe('the HTTPS app server', () => {
  const dataDir = tempDataDir();
  const printed: string[] = [];
  let served: Awaited<ReturnType<typeof listenApp>>;
  let fingerprint: string;
  beforeAll(async () => {
    const certificate = await resolveCertificate({ dataDir, log: (l) => printed.push(l) });
    fingerprint = certificate.fingerprint256;
    // Every interface, as a class is served, on a free port.
    served = await listenApp({ handle: echo, port: 0, certificate, log: (l) => printed.push(l) });
  });
  afterAll(() => {
    served?.server.close();
    served?.server.closeAllConnections();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the LAN URLs, a QR code, and the fingerprint of the certificate it really serves', async () => {
    const text = printed.join('\n');
    const shown = /SHA-256 fingerprint[^\n]*\n\[benchtop\]\s+([0-9A-F:]{95})/.exec(text)?.[1];
    const handshake = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: served.port, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(shown).toBe(fingerprint);
    expect(handshake).toBe(fingerprint);
    for (const address of lan) expect(text).toContain(`https://${address.includes(':') ? `[${address}]` : address}:${served.port}`);
    if (lan.length > 0) expect(text).toContain('▄▄▄▄▄▄▄'); // the QR code's finder pattern
  });

  it('tells route handlers the request came over TLS, and Next that the protocol is https whatever the client says', async () => {
    seen.length = 0;
    await get(`https://127.0.0.1:${served.port}/`, { [PEER_HEADER]: 'guessed 192.0.2.77', 'x-forwarded-proto': 'http' });
    expect(seen).toEqual([{ stamp: { remoteAddress: expect.stringMatching(/127\.0\.0\.1$/), secure: true }, proto: 'https' }]);
  });

  it('answers plain HTTP on its port with a redirect to https:// at once (no hang, no reset)', async () => {
    const started = Date.now();
    expect(await get(`http://127.0.0.1:${served.port}/join/ABC234?x=1`)).toEqual({ status: 308, location: `https://127.0.0.1:${served.port}/join/ABC234?x=1` });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('publishes what GET /api/v1/server-info answers: https, the LAN URLs it printed, the fingerprint', () => {
    expect(servingInfo()).toEqual({ https: true, lanUrls: served.lanUrls, fingerprint256: fingerprint });
    expect(served.lanUrls).toHaveLength(lan.length);
  });
});

describe('the plain HTTP app server', () => {
  it('stamps requests as not secure, even when the client forges a TLS stamp', async () => {
    const server = createAppServer(echo);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      seen.length = 0;
      const port = (server.address() as { port: number }).port;
      await get(`http://127.0.0.1:${port}/`, { [PEER_HEADER]: 'guessed 127.0.0.1 tls' });
      expect(seen[0].stamp).toEqual({ remoteAddress: '127.0.0.1', secure: false });
    } finally {
      server.close();
    }
  });
});

describe('bin/serve.mjs refuses a bad TLS setting with one sentence and exit code 1, before Next starts', () => {
  async function serve(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, ['bin/serve.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCHTOP_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
    return { code, output };
  }

  it.each([
    ['a certificate file that does not exist', { BENCHTOP_TLS_CERT: '/nonexistent/cert.pem', BENCHTOP_TLS_KEY: '/nonexistent/key.pem' }, [], 'BENCHTOP_TLS_CERT names /nonexistent/cert.pem, which does not exist.'],
    ['a key without a certificate', { BENCHTOP_TLS_KEY: '/nonexistent/key.pem' }, ['--https'], 'BENCHTOP_TLS_CERT and BENCHTOP_TLS_KEY go together: only BENCHTOP_TLS_KEY is set.'],
    ['BENCHTOP_HTTPS=yes', { BENCHTOP_HTTPS: 'yes' }, [], 'BENCHTOP_HTTPS must be 1, true, 0 or false, got "yes"'],
  ] as const)('%s', async (_, env, args, sentence) => {
    const { code, output } = await serve(env, [...args]);
    expect(code).toBe(1);
    expect(output).toBe(`[benchtop] ${sentence}\n`);
  });
});
