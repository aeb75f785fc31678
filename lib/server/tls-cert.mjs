import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { generate } from 'selfsigned';
import { lanAddresses } from './lan-urls.mjs';

/**
 * The certificate `--https` serves (issue 12). Either the operator's own pair
 * (BENCHTOP_TLS_CERT + BENCHTOP_TLS_KEY), or a self-signed one generated once into
 * `<dataDir>/tls/` and reused across restarts, so students accept its warning once per class, not
 * once per start. It is regenerated only when it could not serve the class: missing, unreadable,
 * expired, or not naming an address the LAN reaches this machine at (or its current host name).
 */

/** A sentence for the operator; bin/serve.mjs prints it and exits non-zero instead of a stack. */
export class TlsConfigError extends Error {}

const VALID_DAYS = 365;

/**
 * @typedef {{ cert: string, key: string, fingerprint256: string, source: 'operator' | 'generated' | 'reused', certFile: string }} ServedCertificate
 * @param {{ dataDir: string, certFile?: string, keyFile?: string, log?: (line: string) => void, now?: Date }} options
 * @returns {Promise<ServedCertificate>}
 */
export async function resolveCertificate({ dataDir, certFile, keyFile, log = console.log, now = new Date() }) {
  if (certFile || keyFile) return operatorCertificate(certFile, keyFile);
  const dir = path.join(dataDir, 'tls');
  const files = { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
  const names = certificateNames();
  const stale = staleReason(files, names, now);
  if (!stale) {
    const cert = fs.readFileSync(files.cert, 'utf8');
    return { cert, key: fs.readFileSync(files.key, 'utf8'), fingerprint256: new X509Certificate(cert).fingerprint256, source: 'reused', certFile: files.cert };
  }
  log(`[benchtop] generating a self-signed TLS certificate in ${dir} (${stale})`);
  const pems = await generate([{ name: 'commonName', value: `Benchtop on ${os.hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: /** @type {const} */ (2), value })), ...names.ips.map((ip) => ({ type: /** @type {const} */ (7), ip }))] },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  writePrivate(files.key, pems.private);
  fs.writeFileSync(files.cert, pems.cert);
  return { cert: pems.cert, key: pems.private, fingerprint256: new X509Certificate(pems.cert).fingerprint256, source: 'generated', certFile: files.cert };
}

/** The names a generated certificate carries: loopback, this host's name, every LAN address. */
export function certificateNames() {
  const host = os.hostname();
  const dns = ['localhost', host, ...(host.includes('.') ? [] : [`${host}.local`])];
  return { dns: [...new Set(dns)], ips: ['127.0.0.1', '::1', ...lanAddresses()] };
}

/**
 * Why the kept certificate cannot be reused, or undefined when it can.
 * @param {{ cert: string, key: string }} files
 * @param {{ dns: string[], ips: string[] }} names
 * @param {Date} now
 */
function staleReason(files, names, now) {
  if (!fs.existsSync(files.cert) || !fs.existsSync(files.key)) return 'none kept yet';
  let x509;
  try {
    x509 = new X509Certificate(fs.readFileSync(files.cert));
    if (!x509.checkPrivateKey(createPrivateKey(fs.readFileSync(files.key)))) return 'the kept key does not match the kept certificate';
  } catch (err) {
    return `the kept one is unreadable: ${/** @type {Error} */ (err).message}`;
  }
  if (new Date(x509.validTo) <= now) return `the kept one expired on ${x509.validTo}`;
  const missing = names.ips.find((ip) => x509.checkIP(ip) === undefined) ?? names.dns.find((name) => x509.checkHost(name) === undefined);
  if (missing) return `the kept one does not name ${missing}, a name or address of this machine now`;
  return undefined;
}

/** @param {string} file @param {string} text */
function writePrivate(file, text) {
  // Write beside and rename: a crash mid-write must not leave a torn key that the next start reuses.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/**
 * @param {string | undefined} certFile
 * @param {string | undefined} keyFile
 * @returns {ServedCertificate}
 */
function operatorCertificate(certFile, keyFile) {
  if (!certFile || !keyFile) {
    throw new TlsConfigError(`BENCHTOP_TLS_CERT and BENCHTOP_TLS_KEY go together: only ${certFile ? 'BENCHTOP_TLS_CERT' : 'BENCHTOP_TLS_KEY'} is set.`);
  }
  const cert = readOperatorFile('BENCHTOP_TLS_CERT', certFile);
  const key = readOperatorFile('BENCHTOP_TLS_KEY', keyFile);
  let x509;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsConfigError(`BENCHTOP_TLS_CERT (${certFile}) is not a PEM certificate.`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new TlsConfigError(`BENCHTOP_TLS_KEY (${keyFile}) is not an unencrypted PEM private key.`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new TlsConfigError(`BENCHTOP_TLS_KEY (${keyFile}) is not the private key of the certificate in BENCHTOP_TLS_CERT (${certFile}).`);
  }
  return { cert, key, fingerprint256: x509.fingerprint256, source: 'operator', certFile };
}

/** @param {string} variable @param {string} file */
function readOperatorFile(variable, file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = /** @type {NodeJS.ErrnoException} */ (err).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable by this user' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`;
    throw new TlsConfigError(`${variable} names ${file}, which ${why}.`);
  }
}
