import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Leaderboard } from '@/lib/classroom/api';
import { followLeaderboard, type StreamState } from '@/lib/classroom/leaderboard-stream';

/**
 * followLeaderboard against a real HTTP server on loopback, answering each connection with the
 * next scripted behaviour: boards, drops, pings, refusals, the `ended` event.
 */
type Script = (req: IncomingMessage, res: ServerResponse) => void;

const board = (value: number): Leaderboard => ({
  assignmentId: 'as-1',
  metric: 'val/accuracy',
  goal: 'max',
  updatedAt: value,
  rows: [{ rank: 1, studentId: 'st-1', studentName: 'Ada <b>', runId: 'run-1', runName: 'r', value, step: 3, backend: 'webgpu', adapter: null }],
});
const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
const frame = (b: Leaderboard) => `event: leaderboard\ndata: ${JSON.stringify(b)}\n\n`;

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r())));

async function serve(scripts: Script[]): Promise<{ url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  server = createServer((req, res) => {
    requests.push(req);
    (scripts[requests.length - 1] ?? ((_q, s) => (s.writeHead(503), s.end())))(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v1/classes/c1/leaderboard/stream`, requests };
}

function follow(url: string, extra: { silenceMs?: number; token?: string | null } = {}) {
  const boards: number[] = [];
  const states: StreamState[] = [];
  const details: (string | undefined)[] = [];
  const ctrl = new AbortController();
  const done = followLeaderboard({
    url,
    token: 'token' in extra ? (extra.token ?? null) : 'ws-token',
    signal: ctrl.signal,
    onBoard: (b) => boards.push(b.rows[0]!.value),
    onState: (s, d) => (states.push(s), details.push(d)),
    retryDelayMs: () => 20,
    silenceMs: extra.silenceMs,
  });
  return { boards, states, details, ctrl, done };
}

describe('followLeaderboard', () => {
  it('sends the token, delivers boards, reconnects after the server drops the stream, and stops at `ended`', async () => {
    const { url, requests } = await serve([
      (_q, res) => (sse(res), res.write(': ping\n\n'), res.write(frame(board(0.5))), res.end()),
      (_q, res) => (sse(res), res.write(frame(board(0.7)).slice(0, 20)), setTimeout(() => (res.write(frame(board(0.7)).slice(20)), res.write('event: ended\ndata: {}\n\n')), 30)),
    ]);
    const f = follow(url);
    await f.done;
    expect(f.boards).toEqual([0.5, 0.7]);
    expect(f.states).toEqual(['connecting', 'live', 'reconnecting', 'live', 'ended']);
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer ws-token', 'Bearer ws-token']);
  });

  it('gives up on a refusal (401) with the server’s sentence, but retries a 503', async () => {
    const refuse: Script = (_q, res) => (res.writeHead(401, { 'content-type': 'application/json' }), res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'a workspace token is required' } })));
    const { url, requests } = await serve([(_q, res) => (res.writeHead(503), res.end()), refuse]);
    const f = follow(url, { token: null });
    await f.done;
    expect(f.states).toEqual(['connecting', 'reconnecting', 'refused']);
    expect(f.details.at(-1)).toBe('HTTP 401: a workspace token is required');
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('treats a silent stream as dead and reconnects (a sleeping laptop leaves a socket that never errors)', async () => {
    const { url, requests } = await serve([
      (_q, res) => (sse(res), res.write(frame(board(1)))), // then nothing, forever
      (_q, res) => (sse(res), res.write(frame(board(2))), res.write('event: ended\ndata: {}\n\n')),
    ]);
    const f = follow(url, { silenceMs: 150 });
    await f.done;
    expect(f.boards).toEqual([1, 2]);
    expect(f.details).toContain('no data for a while');
    expect(requests).toHaveLength(2);
  });

  it('skips a malformed frame and keeps the stream', async () => {
    const { url } = await serve([(_q, res) => (sse(res), res.write('event: leaderboard\ndata: {"rows": "nope"}\n\n'), res.write(frame(board(3))), res.write('event: ended\ndata: {}\n\n'))]);
    const f = follow(url);
    await f.done;
    expect(f.boards).toEqual([3]);
  });

  it('stops when aborted, without reconnecting', async () => {
    const { url, requests } = await serve([(_q, res) => (sse(res), res.write(frame(board(1))))]);
    const f = follow(url);
    await expect.poll(() => f.boards.length).toBe(1);
    f.ctrl.abort();
    await f.done;
    await new Promise((r) => setTimeout(r, 100));
    expect(requests).toHaveLength(1);
    expect(f.states).toEqual(['connecting', 'live']);
  });
});
