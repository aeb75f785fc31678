import { describe, expect, it } from 'vitest';
import { tokenBuckets } from '@/lib/server/classroom/token-bucket';
import { suffixedName } from '@/lib/server/classroom/repo';
import { crossSiteProblem, studentCredentialOf } from '@/lib/server/classroom/credentials';

describe('tokenBuckets', () => {
  it('spends a burst, then refills at the rate and says how long to wait', () => {
    let t = 0;
    const b = tokenBuckets({ perSecond: 2, burst: 4, now: () => t });
    for (let i = 0; i < 4; i++) expect(b.take('a')).toEqual({ ok: true });
    expect(b.take('a')).toEqual({ ok: false, retryAfterS: 1 });
    expect(b.take('b')).toEqual({ ok: true }); // keys are separate
    t = 500; // one token back
    expect(b.take('a')).toEqual({ ok: true });
    expect(b.take('a', 3)).toEqual({ ok: false, retryAfterS: 2 }); // 3 missing at 2/s
    t = 10_000;
    expect(b.take('a', 4)).toEqual({ ok: true }); // never more than the burst
    expect(b.take('a')).toEqual({ ok: false, retryAfterS: 1 });
  });

  it('refuses nothing it had refused only for lack of time, and a refusal spends nothing', () => {
    let t = 0;
    const b = tokenBuckets({ perSecond: 100, burst: 10_000, now: () => t });
    expect(b.take('s', 10_000)).toEqual({ ok: true });
    expect(b.take('s', 500)).toEqual({ ok: false, retryAfterS: 5 });
    t = 5_000;
    expect(b.take('s', 500)).toEqual({ ok: true });
  });
});

describe('suffixedName', () => {
  it('appends (n) and shortens a long base so the whole stays within 40 characters', () => {
    expect(suffixedName('Ada', 1)).toBe('Ada');
    expect(suffixedName('Ada', 2)).toBe('Ada (2)');
    expect(suffixedName('x'.repeat(40), 12)).toBe(`${'x'.repeat(35)} (12)`);
    expect([...suffixedName('🙂'.repeat(40), 2)].length).toBe(40);
  });
});

describe('student credentials', () => {
  const req = (headers: Record<string, string>, method = 'GET') => new Request('http://host:3000/api/v1/runs', { method, headers });

  it('reads a bts_ bearer token, else the cookie; any other Authorization header decides alone', () => {
    expect(studentCredentialOf(req({ authorization: 'Bearer bts_abc' }))).toEqual({ token: 'bts_abc', via: 'bearer' });
    expect(studentCredentialOf(req({ cookie: 'a=1; benchtop_student=bts_xyz; b=2' }))).toEqual({ token: 'bts_xyz', via: 'cookie' });
    expect(studentCredentialOf(req({ authorization: 'Bearer workspace-token', cookie: 'benchtop_student=bts_xyz' }))).toBeUndefined();
    expect(studentCredentialOf(req({ cookie: 'benchtop_student=not-a-student-token' }))).toBeUndefined();
  });

  it('lets reads through and holds writes to a same-origin Origin', () => {
    expect(crossSiteProblem(req({ host: 'host:3000' }))).toBeNull();
    expect(crossSiteProblem(req({ host: 'host:3000', origin: 'http://host:3000' }, 'POST'))).toBeNull();
    expect(crossSiteProblem(req({ host: 'host:3000', origin: 'http://HOST:3000' }, 'DELETE'))).toBeNull();
    expect(crossSiteProblem(req({ host: 'host:3000', origin: 'http://host:3001' }, 'PUT'))).toContain('is not this server');
    expect(crossSiteProblem(req({ host: 'host:3000', origin: 'not a url' }, 'PUT'))).toContain('is not a URL');
    expect(crossSiteProblem(req({ host: 'host:3000' }, 'POST'))).toContain('must carry an Origin');
  });
});
