import type { Leaderboard } from '@/lib/classroom/api';
import type { LeaderboardHub } from './hub';
import type { LeaderboardSpec } from './query';

/** Comment line every this many ms, so proxies and browsers keep an idle stream open. */
export const SSE_PING_MS = 15_000;
/** Chunks a client may leave unread before it counts as gone (a stalled tab must not hold memory). */
const MAX_UNREAD_CHUNKS = 64;

/** The headers of an event stream that no proxy or compressor may hold back. */
export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: Next's compression (and any proxy that honours it) passes the stream as it comes.
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** The stream of a class that has ended: its final board, then `event: ended` (the projector keeps the result). */
export function endedStream(board: Leaderboard): Response {
  const text = `event: leaderboard\ndata: ${JSON.stringify(board)}\n\nevent: ended\ndata: {"reason":"this class has ended"}\n\n`;
  return new Response(text, { status: 200, headers: SSE_HEADERS });
}

/**
 * An SSE response fed by the hub: `event: leaderboard` with the board as JSON (at once when
 * there is one, then on every change), `: ping` every 15 s, `event: ended` when the class ends.
 * Unsubscribes when the client goes: the body is cancelled (node:http pipeline, Next) or the
 * request's signal aborts, whichever the transport does.
 */
export function leaderboardStream(opts: { hub: LeaderboardHub; spec: LeaderboardSpec; viewer: string; signal?: AbortSignal }): Response {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let cleanup = () => {};
  const close = () => {
    if (!open) return;
    open = false;
    cleanup();
    try {
      controller.close();
    } catch {
      // the client cancelled first
    }
  };
  const send = (text: string) => {
    if (!open) return;
    if ((controller.desiredSize ?? 0) < -MAX_UNREAD_CHUNKS) return close();
    controller.enqueue(encoder.encode(text));
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => {
      open = false;
      cleanup();
    },
  });
  // EventSource reconnects after this many ms when the stream drops (a server restart).
  send('retry: 2000\n\n');
  // Throws TooManyStreams before any answer went out: the route turns it into a 429.
  const unsubscribe = opts.hub.subscribe(opts.spec, opts.viewer, {
    board: (board: Leaderboard) => send(`event: leaderboard\ndata: ${JSON.stringify(board)}\n\n`),
    ended: () => {
      send('event: ended\ndata: {"reason":"this class has ended"}\n\n');
      close();
    },
    closed: close,
  });
  const ping = setInterval(() => send(': ping\n\n'), SSE_PING_MS);
  const onAbort = () => close();
  cleanup = () => {
    clearInterval(ping);
    unsubscribe();
    opts.signal?.removeEventListener('abort', onAbort);
  };
  opts.signal?.addEventListener('abort', onAbort);
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
