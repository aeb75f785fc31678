import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_CODE_ALPHABET, ClassListResponse, ClassRecord, ClassStudentView } from '@/lib/classroom/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { createClass, errorOf, join } from './helpers';

describe.each(BACKENDS)('classes: create, join, end (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend, env: { BENCHTOP_JOINS_PER_MIN: '1000' } });
  });
  afterAll(async () => s?.close());

  const joinRaw = (body: unknown) => s.api('/api/v1/classes/join', { ...jsonInit('POST', body), auth: false });

  it('creates a class with a 6-character look-alike-free code and a join link, and lists it', async () => {
    const c = await createClass(s, '  Vision, period 3  ');
    expect(c.name).toBe('Vision, period 3');
    expect(c.code).toMatch(new RegExp(`^[${CLASS_CODE_ALPHABET}]{6}$`));
    expect(c.code).not.toMatch(/[01OIL]/);
    expect(c.joinUrl).toBe(`${s.url}/join/${c.code}`);
    expect(c).toMatchObject({ endedAt: null, studentCount: 0 });
    const list = ClassListResponse.parse(await (await s.api('/api/v1/classes')).json());
    expect(list.classes.map((x) => x.id)).toContain(c.id);
    const got = ClassRecord.parse(await (await s.api(`/api/v1/classes/${c.id}`)).json());
    expect(got.code).toBe(c.code);
  });

  it('gives each of many classes a distinct code', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => createClass(s, `c${i}`).then((c) => c.code)));
    expect(new Set(codes).size).toBe(20);
  });

  it('refuses a class name that is empty or too long, naming the rule', async () => {
    const empty = await errorOf(await s.api('/api/v1/classes', jsonInit('POST', { name: '   ' })));
    expect(empty).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(empty.message).toContain('must not be empty');
    const long = await errorOf(await s.api('/api/v1/classes', jsonInit('POST', { name: 'x'.repeat(121) })));
    expect(long.message).toContain('at most 120');
  });

  it('joins by code (case and spaces forgiven) with a trimmed name, sets an HttpOnly SameSite=Strict cookie, stores only the hash', async () => {
    const c = await createClass(s);
    const ada = await join(s, ` ${c.code.toLowerCase()} `, '  Ada  ');
    expect(ada).toMatchObject({ classId: c.id, className: c.name, name: 'Ada' });
    expect(ada.token).toMatch(/^bts_[A-Za-z0-9_-]{43}$/);
    expect(ada.setCookie).toMatch(new RegExp(`^benchtop_student=${ada.token}; `));
    expect(ada.setCookie).toContain('HttpOnly');
    expect(ada.setCookie).toContain('SameSite=Strict');
    expect(ada.setCookie).toContain('Path=/');
    expect(ada.setCookie).not.toContain('Secure'); // plain HTTP here: a Secure cookie would never come back
    const rows = await s.server.tracking.services.db.kysely.selectFrom('students').selectAll().where('id', '=', ada.studentId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(ada.token.slice(4));
    const me = ClassStudentView.parse(await (await ada.api('/api/v1/classes/me')).json());
    expect(me).toEqual({ classId: c.id, className: c.name, studentId: ada.studentId, studentName: 'Ada' });
    const viaCookie = ClassStudentView.parse(await (await ada.cookieApi('/api/v1/classes/me')).json());
    expect(viaCookie.studentId).toBe(ada.studentId);
    expect((await s.api(`/api/v1/classes/${c.id}`).then((r) => r.json())).studentCount).toBe(1);
  });

  it('gives a taken name a suffix, also when many join with it at once', async () => {
    const c = await createClass(s);
    const first = await join(s, c.code, 'Ada');
    const second = await join(s, c.code, 'Ada ');
    expect([first.name, second.name]).toEqual(['Ada', 'Ada (2)']);
    const many = await Promise.all(Array.from({ length: 8 }, () => join(s, c.code, 'Bo')));
    expect(new Set(many.map((m) => m.name))).toEqual(new Set(['Bo', ...Array.from({ length: 7 }, (_, i) => `Bo (${i + 2})`)]));
    const long = 'L'.repeat(40);
    await join(s, c.code, long);
    const suffixed = await join(s, c.code, long);
    expect(suffixed.name).toBe(`${'L'.repeat(36)} (2)`);
    expect([...suffixed.name].length).toBe(40);
  });

  it('refuses bad names with 400 saying why', async () => {
    const c = await createClass(s);
    for (const [name, why] of [
      ['   ', 'must not be empty'],
      ['x'.repeat(41), 'at most 40 characters'],
      ['Ada\nLovelace', 'control characters'],
      ['Ada\u0007', 'control characters'],
    ] as const) {
      const e = await errorOf(await joinRaw({ code: c.code, name }));
      expect(e.status, name).toBe(400);
      expect(e.message, name).toContain(why);
    }
    expect((await errorOf(await joinRaw({ code: c.code }))).status).toBe(400);
    // 40 characters that are astral (2 UTF-16 units each) are still 40 characters.
    expect((await joinRaw({ code: c.code, name: '🙂'.repeat(40) })).status).toBe(201);
  });

  it('answers an unknown code and a malformed code with sentences', async () => {
    const unknown = await errorOf(await joinRaw({ code: 'ZZZZZZ', name: 'Ada' }));
    expect(unknown).toEqual({ status: 404, code: 'not_found', message: 'No class with code ZZZZZZ' });
    const bad = await errorOf(await joinRaw({ code: 'AB0', name: 'Ada' }));
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('6 characters from');
  });

  it('ending a class refuses joins with "This class has ended" and revokes every student credential', async () => {
    const c = await createClass(s);
    const ada = await join(s, c.code, 'Ada');
    expect((await ada.api('/api/v1/runs')).status).toBe(200);
    const ended = ClassRecord.parse(await (await s.api(`/api/v1/classes/${c.id}/end`, { method: 'POST' })).json());
    expect(ended.endedAt).toBeGreaterThan(0);
    expect(await errorOf(await joinRaw({ code: c.code, name: 'Late' }))).toEqual({ status: 404, code: 'not_found', message: 'This class has ended' });
    for (const res of [await ada.api('/api/v1/runs'), await ada.cookieApi('/api/v1/runs'), await ada.api('/api/v1/classes/me'), await ada.api(`/api/v1/classes/${c.id}`)]) {
      expect(await errorOf(res)).toEqual({ status: 403, code: 'forbidden', message: 'this class has ended' });
    }
    // Ending twice keeps the first time.
    const again = ClassRecord.parse(await (await s.api(`/api/v1/classes/${c.id}/end`, { method: 'POST' })).json());
    expect(again.endedAt).toBe(ended.endedAt);
  });

  it('leave clears the cookie; me without a credential says to join', async () => {
    const c = await createClass(s);
    const ada = await join(s, c.code, 'Ada');
    const left = await ada.cookieApi('/api/v1/classes/leave', { method: 'POST' });
    expect(left.status).toBe(200);
    expect(left.headers.get('set-cookie')).toMatch(/^benchtop_student=; .*Max-Age=0/);
    const nobody = await errorOf(await fetch(`${s.url}/api/v1/classes/me`));
    expect(nobody.status).toBe(401);
    expect(nobody.message).toContain('has not joined a class');
  });

  it('refuses a forged student token with 401, and unknown class ids with 404', async () => {
    const forged = await fetch(`${s.url}/api/v1/runs`, { headers: { authorization: 'Bearer bts_forged' } });
    expect((await errorOf(forged)).status).toBe(401);
    expect((await s.api('/api/v1/classes/cl-nope')).status).toBe(404);
    expect((await s.api('/api/v1/classes/cl-nope/end', { method: 'POST' })).status).toBe(404);
  });
});
