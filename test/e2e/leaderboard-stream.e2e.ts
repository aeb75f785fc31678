import { describe, expect, inject, it } from 'vitest';
import { Leaderboard } from '@/lib/classroom/api';
import { runToWire } from '@/lib/track/api';
import { makeRun } from '../server/fixtures';
import { openSse } from '../server/classroom/sse-reader';

/**
 * The leaderboard stream through the production app (bin/serve.mjs + Next's route handler), not
 * only the standalone router: nothing on that path (Next's compression, its response handling)
 * may hold events back. The teacher is trusted local use; the student joins by code.
 */
const baseUrl = inject('baseUrl');

const call = async (path: string, init: RequestInit & { auth?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('content-type', 'application/json');
  if (init.auth) headers.set('authorization', init.auth);
  const res = await fetch(baseUrl + path, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

describe('leaderboard stream through the app server', () => {
  it('streams the board at once, a new best within 2 s, and ended, unbuffered (even when the client accepts gzip)', async () => {
    const cls = (await call('/api/v1/classes', { method: 'POST', body: JSON.stringify({ name: 'e2e stream' }) })) as { id: string; code: string };
    const joined = (await call('/api/v1/classes/join', { method: 'POST', body: JSON.stringify({ code: cls.code, name: 'Ada' }) })) as { token: string };
    const student = `Bearer ${joined.token}`;
    const run = makeRun({ name: 'ada-e2e' });
    await call(`/api/v1/runs/${run.id}`, { method: 'PUT', body: JSON.stringify(runToWire(run)), auth: student });
    const log = (step: number, value: number) => call(`/api/v1/runs/${run.id}/metrics`, { method: 'POST', body: JSON.stringify({ points: [{ key: 'loss', step, value, timeMs: Date.now() }] }), auth: student });
    await log(0, 0.9);

    const stream = await openSse(`${baseUrl}/api/v1/classes/${cls.id}/leaderboard/stream?metric=loss&goal=min`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-encoding')).toBeNull();
    const first = Leaderboard.parse(JSON.parse((await stream.next('leaderboard', 5_000)).data));
    expect(first.rows.map((r) => [r.studentName, r.value])).toEqual([['Ada', 0.9]]);

    await log(1, 0.3);
    const acked = performance.now();
    const update = await stream.next('leaderboard', 2_000);
    expect(update.atMs - acked).toBeLessThan(2_000);
    expect(Leaderboard.parse(JSON.parse(update.data)).rows[0]).toMatchObject({ value: 0.3, step: 1 });

    await call(`/api/v1/classes/${cls.id}/end`, { method: 'POST' });
    await stream.next('ended', 3_000);
    await stream.closed;
  });
});
