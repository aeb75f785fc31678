import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { lanAddresses } from '@/lib/server/lan-urls.mjs';
import { resolveCertificate, TlsConfigError } from '@/lib/server/tls-cert.mjs';
import { tempDataDir } from '../harness';

/**
 * The certificate `--https` serves: generated once into `<dataDir>/tls` and reused, regenerated
 * only when it could not serve the class; or the operator's own pair, refused with one sentence
 * when it is unusable.
 */

const dirs: string[] = [];
function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A pair made outside the server (as an operator's, or a stale kept one). */
async function pair(opts: { names?: string[]; notAfter?: Date } = {}): Promise<{ cert: string; key: string }> {
  const notAfter = opts.notAfter ?? new Date(Date.now() + 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(notAfter.getTime() - 2 * 86_400_000),
    notAfterDate: notAfter,
    extensions: [{ name: 'subjectAltName', altNames: (opts.names ?? ['127.0.0.1']).map((ip) => ({ type: 7 as const, ip })) }],
  });
  return { cert: pems.cert, key: pems.private };
}

function keep(dir: string, { cert, key }: { cert: string; key: string }): void {
  fs.mkdirSync(path.join(dir, 'tls'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tls', 'cert.pem'), cert);
  fs.writeFileSync(path.join(dir, 'tls', 'key.pem'), key, { mode: 0o600 });
}

const lan = lanAddresses();

describe('the generated certificate', () => {
  it('is made once (key 0600, naming loopback, the host and every LAN address), then reused as is', async () => {
    const dir = dataDir();
    const lines: string[] = [];
    const first = await resolveCertificate({ dataDir: dir, log: (l) => lines.push(l) });
    expect(first.source).toBe('generated');
    expect(lines.join('\n')).toContain('(none kept yet)');
    expect(fs.statSync(path.join(dir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    const x509 = new X509Certificate(fs.readFileSync(path.join(dir, 'tls', 'cert.pem')));
    expect(x509.fingerprint256).toBe(first.fingerprint256);
    for (const ip of ['127.0.0.1', '::1', ...lan]) expect(x509.checkIP(ip)).toBe(ip);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(new Date(x509.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);

    const again = await resolveCertificate({ dataDir: dir, log: (l) => lines.push(l) });
    expect(again).toMatchObject({ source: 'reused', fingerprint256: first.fingerprint256, cert: first.cert, key: first.key });
    expect(lines).toHaveLength(1);
  });

  it('is regenerated, saying why, when expired, unreadable or its key does not match', async () => {
    const cases: [string, () => Promise<{ cert: string; key: string }>, RegExp][] = [
      ['expired', async () => pair({ names: ['127.0.0.1', '::1', ...lan], notAfter: new Date(Date.now() - 1000) }), /the kept one expired on/],
      ['unreadable', async () => ({ cert: 'not a certificate', key: 'nor a key' }), /the kept one is unreadable/],
      ['mismatched', async () => ({ cert: (await pair()).cert, key: (await pair()).key }), /the kept key does not match/],
    ];
    for (const [name, make, reason] of cases) {
      const dir = dataDir();
      const stale = await make();
      keep(dir, stale);
      const lines: string[] = [];
      const fresh = await resolveCertificate({ dataDir: dir, log: (l) => lines.push(l) });
      expect(fresh.source, name).toBe('generated');
      expect(lines.join('\n'), name).toMatch(reason);
      expect(fresh.cert, name).not.toBe(stale.cert);
      expect(fs.readFileSync(path.join(dir, 'tls', 'cert.pem'), 'utf8'), name).toBe(fresh.cert);
      expect(fs.statSync(path.join(dir, 'tls', 'key.pem')).mode & 0o777, name).toBe(0o600);
    }
  });

  it('is regenerated when it does not name the current host name (the machine was renamed)', async () => {
    const dir = dataDir();
    keep(dir, await pair({ names: ['127.0.0.1', '::1', ...lan] }));
    const lines: string[] = [];
    const fresh = await resolveCertificate({ dataDir: dir, log: (l) => lines.push(l) });
    expect(fresh.source).toBe('generated');
    expect(lines.join('\n')).toContain('does not name localhost');
    expect(new X509Certificate(fresh.cert).checkHost(os.hostname())).toBe(os.hostname());
  });

  it.skipIf(lan.length === 0)('is regenerated when it does not name a current LAN address (the laptop moved networks)', async () => {
    const dir = dataDir();
    keep(dir, await pair({ names: ['127.0.0.1', '::1'] }));
    const lines: string[] = [];
    const fresh = await resolveCertificate({ dataDir: dir, log: (l) => lines.push(l) });
    expect(fresh.source).toBe('generated');
    expect(lines.join('\n')).toContain(`does not name ${lan[0]}, a name or address of this machine now`);
    expect(new X509Certificate(fresh.cert).checkIP(lan[0])).toBe(lan[0]);
  });
});

describe("the operator's own certificate", () => {
  async function operatorFiles(p: { cert: string; key: string }) {
    const dir = dataDir();
    const certFile = path.join(dir, 'op.crt');
    const keyFile = path.join(dir, 'op.key');
    fs.writeFileSync(certFile, p.cert);
    fs.writeFileSync(keyFile, p.key);
    return { dir, certFile, keyFile };
  }

  it('is served as given, and nothing is generated', async () => {
    const mine = await pair();
    const { dir, certFile, keyFile } = await operatorFiles(mine);
    const served = await resolveCertificate({ dataDir: dir, certFile, keyFile, log: () => expect.fail('nothing to log') });
    expect(served).toMatchObject({ source: 'operator', cert: mine.cert, key: mine.key, fingerprint256: new X509Certificate(mine.cert).fingerprint256 });
    expect(fs.existsSync(path.join(dir, 'tls'))).toBe(false);
  });

  it('is refused with one sentence naming the variable and file when unusable', async () => {
    const mine = await pair();
    const other = await pair();
    const { dir, certFile, keyFile } = await operatorFiles({ cert: mine.cert, key: other.key });
    const refused = async (opts: { certFile?: string; keyFile?: string }) => {
      const err = await resolveCertificate({ dataDir: dir, ...opts }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(TlsConfigError);
      return (err as Error).message;
    };
    expect(await refused({ certFile: '/nonexistent/cert.pem', keyFile })).toBe('BENCHTOP_TLS_CERT names /nonexistent/cert.pem, which does not exist.');
    expect(await refused({ certFile, keyFile: dir })).toBe(`BENCHTOP_TLS_KEY names ${dir}, which is a directory.`);
    expect(await refused({ certFile })).toBe('BENCHTOP_TLS_CERT and BENCHTOP_TLS_KEY go together: only BENCHTOP_TLS_CERT is set.');
    expect(await refused({ certFile: keyFile, keyFile })).toBe(`BENCHTOP_TLS_CERT (${keyFile}) is not a PEM certificate.`);
    expect(await refused({ certFile, keyFile: certFile })).toBe(`BENCHTOP_TLS_KEY (${certFile}) is not an unencrypted PEM private key.`);
    expect(await refused({ certFile, keyFile })).toBe(`BENCHTOP_TLS_KEY (${keyFile}) is not the private key of the certificate in BENCHTOP_TLS_CERT (${certFile}).`);
  });
});
