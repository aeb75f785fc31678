import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { createClass, join, logPoints, putRun, uploadArtifact, type Joined } from './helpers';

async function limited(res: Response): Promise<{ message: string; retryAfter: number }> {
  expect(res.status).toBe(429);
  const body = await res.json();
  expect(body.error.code).toBe('rate_limited');
  return { message: body.error.message, retryAfter: Number(res.headers.get('retry-after')) };
}

describe.each(BACKENDS)('per-student limits (%s)', (backend) => {
  let s: TestServer;
  let ada: Joined;
  let bob: Joined;
  let code: string;
  beforeAll(async () => {
    s = await startTestServer({
      backend,
      env: {
        BENCHTOP_STUDENT_RUNS_PER_MIN: '3',
        BENCHTOP_STUDENT_POINTS_PER_S: '100',
        BENCHTOP_STUDENT_POINTS_BURST: '10000',
        BENCHTOP_STUDENT_ARTIFACT_BYTES: '10',
      },
    });
    code = (await createClass(s)).code;
    ada = await join(s, code, 'Ada');
    bob = await join(s, code, 'Bob');
  });
  afterAll(async () => s?.close());

  it('refuses a fourth new run in a minute with 429, Retry-After and the limit; updates and other students go on', async () => {
    const runs = [makeRun(), makeRun(), makeRun()];
    for (const r of runs) expect((await putRun(ada.api, r)).status).toBe(200);
    const { message, retryAfter } = await limited(await putRun(ada.api));
    expect(message).toMatch(/^too many new runs: a student may start 3 runs per minute; retry in \d+ s$/);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect((await putRun(ada.api, { ...runs[0], status: 'finished', updatedAt: runs[0].updatedAt + 1 })).status).toBe(200);
    expect((await putRun(bob.api)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await putRun(s.api)).status).toBe(200); // the teacher has no such limit
  });

  it('refuses points beyond the burst with 429 and stores nothing of that batch', async () => {
    const run = makeRun();
    expect((await putRun(bob.api, run)).status).toBe(200);
    expect((await logPoints(bob.api, run.id, 10_000)).status).toBe(200);
    const points = Array.from({ length: 206 }, (_, i) => ({ key: 'acc', step: i, value: 1, timeMs: 1 + i }));
    const res = await bob.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points }));
    const { message, retryAfter } = await limited(res);
    expect(message).toContain('a student may log 100 points per second (bursts up to 10,000)');
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    const keys = (await (await s.api(`/api/v1/runs/${run.id}/metrics/keys`)).json()).keys as Array<{ key: string; count: number }>;
    expect(keys).toEqual([expect.objectContaining({ key: 'loss', count: 10_000 })]);
  });

  it('refuses artifact bytes beyond the per-student total, counted from the database', async () => {
    const run = makeRun();
    expect((await putRun(ada.api, { ...run })).status).toBe(429); // still out of runs this minute
    const own = await s.server.tracking.services.db.kysely.selectFrom('runs').select('id').where('student_id', '=', ada.studentId).executeTakeFirstOrThrow();
    expect((await uploadArtifact(ada.api, own.id, 'a1', new TextEncoder().encode('1234567'))).status).toBe(200);
    const { message } = await limited(await uploadArtifact(ada.api, own.id, 'a2', new TextEncoder().encode('1234')));
    expect(message).toContain('a student may store 10 bytes of artifacts; 7 bytes are used and this upload is 4 bytes');
    expect((await uploadArtifact(ada.api, own.id, 'a3', new TextEncoder().encode('123'))).status).toBe(200); // exactly at the limit
    expect((await s.api(`/api/v1/runs/${own.id}/artifacts`).then((r) => r.json())).artifacts).toHaveLength(2);
  });
});

describe('join attempts per client address (sqlite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite', env: { BENCHTOP_JOINS_PER_MIN: '3' } });
  });
  afterAll(async () => s?.close());

  it('counts wrong codes too, and answers the fourth attempt in a minute with 429 + Retry-After', async () => {
    const { code } = await createClass(s);
    const attempt = (c: string) => s.api('/api/v1/classes/join', { ...jsonInit('POST', { code: c, name: 'Guess' }), auth: false });
    expect((await attempt('ZZZZZZ')).status).toBe(404);
    expect((await attempt('YYYYYY')).status).toBe(404);
    expect((await attempt(code)).status).toBe(201);
    const { message, retryAfter } = await limited(await attempt(code));
    expect(message).toMatch(/^too many join attempts from this address: 3 per minute; retry in \d+ s$/);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
  });
});
