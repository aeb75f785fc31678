import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Leaderboard } from '@/lib/classroom/api';
import { LEADERBOARD_STREAM_LIMITS } from '@/lib/server/leaderboard/hub';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { createClass, endClass, joinStudent, logPoints, studentRun, type TestStudent } from './classroom-fixture';
import { openSse, type SseStream } from './sse-reader';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * GET /api/v1/classes/:id/leaderboard/stream over real HTTP on both databases: the board at once,
 * an update within 2 s of a new point, one shared poller for many streams, stopped when the last
 * one goes, a bound per viewer, and `event: ended` when the class ends.
 */
describe.each(BACKENDS)('leaderboard stream (%s)', (backend) => {
  let s: TestServer;
  let classId: string;
  let ada: TestStudent;
  const streams: SseStream[] = [];
  const open = async (query = 'metric=loss&goal=min', auth = `Bearer ${s.token}`) => {
    const stream = await openSse(`${s.url}/api/v1/classes/${classId}/leaderboard/stream?${query}`, { authorization: auth });
    streams.push(stream);
    return stream;
  };
  const hub = () => s.server.tracking.services.leaderboards;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    classId = await createClass(s);
    ada = await joinStudent(s, classId, 'Ada');
  });
  afterAll(async () => {
    for (const st of streams) st.close();
    await s?.close();
  });

  it('sends the board at once, then a new best within 2 s of the point being acknowledged', async () => {
    const run = await studentRun(s, ada, { name: 'ada-1' });
    await logPoints(s, run.id, 'loss', [0.9], ada.auth);
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toMatch(/no-transform/);
    const first = Leaderboard.parse(JSON.parse((await stream.next('leaderboard', 2_000)).data));
    expect(first.rows.map((r) => [r.studentName, r.value])).toEqual([['Ada', 0.9]]);

    await logPoints(s, run.id, 'loss', [0.4], ada.auth, 1);
    const acked = performance.now();
    const update = await stream.next('leaderboard', 2_000);
    expect(update.atMs - acked).toBeLessThan(2_000);
    expect(Leaderboard.parse(JSON.parse(update.data)).rows[0]).toMatchObject({ value: 0.4, step: 1 });

    // A point that changes nothing (not a new best) sends nothing.
    await logPoints(s, run.id, 'loss', [0.6], ada.auth, 2);
    await expect(stream.next('leaderboard', 1_500)).rejects.toThrow(/no "leaderboard" event/);
    stream.close();
  });

  it('serves many streams of one leaderboard from one poller, stopped when the last stream goes', async () => {
    await sleep(200); // the previous test's stream is gone
    expect(hub().pollerCount()).toBe(0);
    const many = await Promise.all(Array.from({ length: 5 }, () => open()));
    const other = await open('metric=acc&goal=max');
    await Promise.all([...many, other].map((st) => st.next('leaderboard', 3_000)));
    expect(hub().openStreams(classId)).toBe(6);
    expect(hub().pollerCount()).toBe(2);
    for (const st of [...many, other]) st.close();
    for (let i = 0; i < 50 && hub().openStreams(classId) > 0; i++) await sleep(50);
    expect(hub().openStreams(classId)).toBe(0);
    expect(hub().pollerCount()).toBe(0);
  });

  it('bounds the open streams per viewer with 429 and a sentence', async () => {
    const mine = await Promise.all(Array.from({ length: LEADERBOARD_STREAM_LIMITS.perViewer }, () => open()));
    const refused = await fetch(`${s.url}/api/v1/classes/${classId}/leaderboard/stream?metric=loss`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/the limit is 8 \(close another tab\)/);
    for (const st of mine) st.close();
  });

  it('sends event: ended and closes when the class ends; a later stream gets the final board and ended', async () => {
    const stream = await open();
    await stream.next('leaderboard', 3_000);
    await endClass(s, classId);
    await stream.next('ended', 3_000);
    await stream.closed;

    const late = await open();
    expect(Leaderboard.parse(JSON.parse((await late.next('leaderboard', 2_000)).data)).rows[0].studentName).toBe('Ada');
    await late.next('ended', 2_000);
    await late.closed;
  });
});
