import { describe, expect, it } from 'vitest';
import { accessOf, type AuthConfig } from '@/lib/server/auth';
import { clientAddress, isLoopbackHost, parseTrustedProxies } from '@/lib/server/client-address';
import { readServerEnv } from '@/lib/server/env';

/** The pure decision: which requests count as trusted local use (no token). */
const auth = (trusted = ''): AuthConfig => ({ token: 'x'.repeat(32), allowLocal: true, trustedProxies: parseTrustedProxies(trusted) });
const request = (headers: Record<string, string>) => new Request('http://localhost/api/v1/runs', { headers });

describe('local trust comes from the socket peer, not from headers', () => {
  it('a request whose transport knows no peer (plain `next start`) is not local, whatever X-Forwarded-For says', () => {
    // On main this was 'local': the router fell back to X-Forwarded-For.
    expect(accessOf(request({ host: 'localhost:3000', 'x-forwarded-for': '127.0.0.1' }), {}, auth())).toBe('none');
  });

  it('X-Forwarded-For: 127.0.0.1 and Host: localhost from a non-loopback peer are not local', () => {
    const spoof = request({ host: 'localhost:3000', 'x-forwarded-for': '127.0.0.1', origin: 'http://localhost:3000' });
    expect(accessOf(spoof, { remoteAddress: '192.0.2.50' }, auth())).toBe('none');
    expect(accessOf(spoof, { remoteAddress: '::ffff:192.0.2.50' }, auth())).toBe('none');
  });

  it('a loopback peer with a loopback Host is local; a foreign Host or Origin is not (DNS rebinding)', () => {
    expect(accessOf(request({ host: '127.0.0.1:3000' }), { remoteAddress: '::ffff:127.0.0.1' }, auth())).toBe('local');
    expect(accessOf(request({ host: '[::1]:3000' }), { remoteAddress: '::1' }, auth())).toBe('local');
    expect(accessOf(request({ host: 'attacker.example:3000' }), { remoteAddress: '127.0.0.1' }, auth())).toBe('none');
    expect(accessOf(request({ host: '[::1].evil.example' }), { remoteAddress: '127.0.0.1' }, auth())).toBe('none');
    expect(accessOf(request({ host: 'localhost:3000', origin: 'http://[::1].evil.example' }), { remoteAddress: '127.0.0.1' }, auth())).toBe('none');
  });
});

describe('isLoopbackHost parses the whole Host header', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST:3000', true],
    ['127.0.0.1', true],
    ['127.1.2.3:8080', true],
    ['[::1]', true],
    ['[::1]:3000', true],
    ['[0:0:0:0:0:0:0:1]:3000', true],
    ['[::1].evil.example', false],
    ['[::1].evil.example:3000', false],
    ['[::1]evil', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.nip.io', false],
    ['127.0.0.1:3000@evil.example', false],
    ['[::2]', false],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('BENCHTOP_TRUSTED_PROXIES', () => {
  const proxies = parseTrustedProxies('10.0.0.1, 10.1.0.0/16, fd00::/8');

  it('X-Forwarded-For counts only when the socket peer is a listed proxy', () => {
    expect(clientAddress({ socketPeer: '10.0.0.1', forwardedFor: '127.0.0.1', trustedProxies: proxies })).toBe('127.0.0.1');
    expect(clientAddress({ socketPeer: '10.2.0.1', forwardedFor: '127.0.0.1', trustedProxies: proxies })).toBe('10.2.0.1');
    expect(clientAddress({ socketPeer: '127.0.0.1', forwardedFor: '203.0.113.9', trustedProxies: proxies })).toBe('127.0.0.1');
  });

  it('takes the right-most hop that is not a trusted proxy (a client cannot prepend its way in)', () => {
    // The client sent "X-Forwarded-For: 127.0.0.1"; its proxy appended the real address.
    expect(clientAddress({ socketPeer: '10.0.0.1', forwardedFor: '127.0.0.1, 203.0.113.9', trustedProxies: proxies })).toBe('203.0.113.9');
    expect(clientAddress({ socketPeer: 'fd00::5', forwardedFor: '127.0.0.1, 203.0.113.9, 10.1.2.3', trustedProxies: proxies })).toBe('203.0.113.9');
    expect(clientAddress({ socketPeer: '10.0.0.1', forwardedFor: '10.1.0.7, 10.0.0.1', trustedProxies: proxies })).toBe('10.1.0.7');
  });

  it('a trusted proxy that names no client, or a malformed hop, leaves the client unknown', () => {
    expect(clientAddress({ socketPeer: '10.0.0.1', forwardedFor: null, trustedProxies: proxies })).toBeUndefined();
    expect(clientAddress({ socketPeer: '10.0.0.1', forwardedFor: '127.0.0.1, localhost', trustedProxies: proxies })).toBeUndefined();
    expect(clientAddress({ socketPeer: '10.0.0.1', forwardedFor: '127.0.0.1:5555', trustedProxies: proxies })).toBeUndefined();
  });

  it('decides access end to end: loopback behind a listed proxy is local, a stranger behind it is not', () => {
    const viaProxy = (xff: string) => accessOf(request({ host: 'localhost', 'x-forwarded-for': xff }), { remoteAddress: '10.0.0.1' }, auth('10.0.0.1'));
    expect(viaProxy('127.0.0.1')).toBe('local');
    expect(viaProxy('127.0.0.1, 198.51.100.4')).toBe('none');
  });

  it('refuses a malformed list at start, naming the entry', () => {
    expect(() => parseTrustedProxies('10.0.0.1, 10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/proxy\.example/);
    expect(() => readServerEnv({ BENCHTOP_TRUSTED_PROXIES: '10.0.0.0/8, nope' })).toThrow(/BENCHTOP_TRUSTED_PROXIES.*"nope"/);
  });
});
