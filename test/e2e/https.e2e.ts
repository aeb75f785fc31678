import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { lanAddresses } from '@/lib/server/lan-urls.mjs';
import { probe, startAppServer, type AppServer } from './app-server';
import { launchChromium, secureContext } from './browser';

/**
 * `npm run app -- --https` as a class uses it: the production build served over TLS on this
 * machine's LAN address (a non-localhost origin, where plain HTTP would give no secure context),
 * opened in Chromium that accepted the self-signed certificate as a student does.
 */

/** A LAN IPv4 address of this machine: the origin students use. */
const lan = lanAddresses().find((a) => !a.includes(':'));
const host = lan ?? '127.0.0.1';

/** The fingerprint the server printed for students to compare. */
function printedFingerprint(server: AppServer): string {
  const match = /SHA-256 fingerprint[^\n]*\n\[benchtop\]\s+([0-9A-F:]{95})/.exec(server.output());
  if (!match) throw new Error(`no fingerprint printed:\n${server.output()}`);
  return match[1];
}

/** The certificate the server presents in a real TLS handshake. */
function servedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('serving over HTTPS (production build)', () => {
  let dataDir: string;
  let server: AppServer;
  let browser: Browser;
  const token = 'https-e2e-workspace-token';
  const start = () => startAppServer({ port: 0, https: true, host, env: { BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: token } });
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-https-e2e-'));
    server = await start();
    browser = await launchChromium({ webgpu: true });
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates its certificate once into the data dir (key 0600, naming the LAN address) and serves the fingerprint it printed', async () => {
    expect(server.output()).toContain('generating a self-signed TLS certificate');
    const keyFile = path.join(dataDir, 'tls', 'key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const cert = new X509Certificate(fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem')));
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    if (lan) expect(cert.checkIP(lan)).toBe(lan);
    expect(cert.checkHost('localhost')).toBe('localhost');
    const printed = printedFingerprint(server);
    expect(printed).toBe(cert.fingerprint256);
    expect(await servedFingerprint(server.url)).toBe(printed);
    if (lan) expect(server.output()).toContain(`https://${lan}:${new URL(server.url).port}`);
  });

  it.skipIf(!lan)('a page on the LAN address is a secure context with crypto.subtle and a WebGPU adapter', async () => {
    const context = await secureContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const seen = await page.evaluate(async () => {
        const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
        return { protocol: location.protocol, secure: window.isSecureContext, subtle: typeof crypto.subtle?.digest, adapter: (await gpu?.requestAdapter()) != null };
      });
      expect(seen).toEqual({ protocol: 'https:', secure: true, subtle: 'function', adapter: true });
    } finally {
      await context.close();
    }
  });

  it('GET /api/v1/server-info answers, through Next, the URL and fingerprint the terminal printed', async () => {
    const ask = (headers: Record<string, string>) =>
      new Promise<{ status?: number; body: string }>((resolve, reject) => {
        https.get(`${server.url}/api/v1/server-info`, { headers, rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        }).on('error', reject);
      });
    expect((await ask({})).status).toBe(401);
    const answer = await ask({ authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    // Listening on the LAN address alone, that address is the one URL; on loopback there is none.
    expect(JSON.parse(answer.body)).toEqual({ https: true, lanUrls: lan ? [server.url] : [], fingerprint256: printedFingerprint(server) });
  });

  it('plain http:// on the same port is redirected to https:// at once, not left hanging', async () => {
    const started = Date.now();
    const url = server.url.replace('https://', 'http://');
    const answer = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      http.get(`${url}/runs?x=1`, (res) => {
        res.resume();
        resolve({ status: res.statusCode, location: res.headers.location });
      }).on('error', reject);
    });
    expect(answer).toEqual({ status: 308, location: `${server.url}/runs?x=1` });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await probe(`${server.url}/runs`)).toBe(200);
  });

  it('a restart serves the same certificate (students accept its warning once)', async () => {
    const before = printedFingerprint(server);
    server.stop();
    await new Promise<void>((resolve) => (server.process.exitCode !== null ? resolve() : server.process.once('exit', () => resolve())));
    server = await start();
    expect(server.output()).not.toContain('generating a self-signed TLS certificate');
    expect(printedFingerprint(server)).toBe(before);
    expect(await servedFingerprint(server.url)).toBe(before);
  });
});
