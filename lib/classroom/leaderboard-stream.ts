import { Leaderboard } from './api';
import { SseParser } from './sse-parser';

/**
 * Follows `GET /classes/:id/leaderboard/stream` with fetch (an EventSource cannot send the bearer
 * token), reconnecting with backoff until the class ends or `signal` aborts. A stream silent for
 * longer than `silenceMs` (the server pings every 15 s) counts as dead: a laptop that slept or a
 * Wi-Fi that dropped leaves a socket that never errors.
 */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'refused';

export interface FollowLeaderboardOptions {
  url: string;
  token: string | null;
  signal: AbortSignal;
  onBoard: (board: Leaderboard) => void;
  /** `detail` says why (the HTTP status or the network error) when reconnecting or refused. */
  onState: (state: StreamState, detail?: string) => void;
  fetch?: typeof fetch;
  silenceMs?: number;
  /** Delay before reconnect attempt `n` (1-based). */
  retryDelayMs?: (attempt: number) => number;
}

const defaultRetry = (attempt: number) => Math.min(15_000, 500 * 2 ** (attempt - 1));
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

type ConnectionEnd = { kind: 'ended' } | { kind: 'refused'; detail: string } | { kind: 'dropped'; detail: string; wasLive: boolean };

export async function followLeaderboard(opts: FollowLeaderboardOptions): Promise<void> {
  const retryDelay = opts.retryDelayMs ?? defaultRetry;
  let attempt = 0;
  opts.onState('connecting');
  while (!opts.signal.aborted) {
    const end = await connectOnce(opts);
    if (opts.signal.aborted) return;
    if (end.kind === 'ended') return opts.onState('ended');
    if (end.kind === 'refused') return opts.onState('refused', end.detail);
    attempt = end.wasLive ? 1 : attempt + 1;
    opts.onState('reconnecting', end.detail);
    await sleep(retryDelay(attempt), opts.signal);
  }
}

async function connectOnce(opts: FollowLeaderboardOptions): Promise<ConnectionEnd> {
  const ctrl = new AbortController();
  const abort = () => ctrl.abort();
  opts.signal.addEventListener('abort', abort, { once: true });
  let silence: ReturnType<typeof setTimeout> | undefined;
  let silent = false;
  const armSilence = () => {
    clearTimeout(silence);
    silence = setTimeout(() => ((silent = true), ctrl.abort()), opts.silenceMs ?? 40_000);
  };
  let live = false;
  try {
    armSilence();
    const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const res = await doFetch(opts.url, { headers: { accept: 'text/event-stream', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) }, signal: ctrl.signal });
    if (!res.ok || !res.body) {
      const detail = `HTTP ${res.status}${await errorSentence(res)}`;
      // Auth and missing class will not fix themselves; 429 and 5xx may.
      return res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408 ? { kind: 'refused', detail } : { kind: 'dropped', detail, wasLive: false };
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { kind: 'dropped', detail: 'the server closed the stream', wasLive: live };
      armSilence();
      for (const ev of parser.push(decoder.decode(value, { stream: true }))) {
        if (ev.event === 'ended') return { kind: 'ended' };
        if (ev.event !== 'leaderboard') continue;
        const board = parseBoard(ev.data);
        if (!board) continue; // one bad frame is skipped; the next full board replaces it
        if (!live) {
          live = true;
          opts.onState('live');
        }
        opts.onBoard(board);
      }
    }
  } catch (err) {
    return { kind: 'dropped', detail: silent ? 'no data for a while' : (err as Error).message, wasLive: live };
  } finally {
    clearTimeout(silence);
    opts.signal.removeEventListener('abort', abort);
    ctrl.abort();
  }
}

function parseBoard(data: string): Leaderboard | null {
  try {
    const parsed = Leaderboard.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function errorSentence(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? `: ${body.error.message}` : '';
  } catch {
    return '';
  }
}
