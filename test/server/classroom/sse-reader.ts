/**
 * A Server-Sent Events client over fetch (Node has no EventSource): parses `event:`/`data:`
 * blocks and `:` comments as they arrive, stamping each with its arrival time, so tests and
 * bench:classroom can measure how soon an update shows.
 */
export interface SseEvent {
  /** `message` when the block names none; `comment` for `: …` lines. */
  event: string;
  data: string;
  /** performance.now() when the block was complete. */
  atMs: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The next event named `name` (skipping others), or a rejection after `timeoutMs`. */
  next(name: string, timeoutMs?: number): Promise<SseEvent>;
  /** Every event so far, in order. */
  events: SseEvent[];
  /** Resolves when the server closed the stream. */
  closed: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  let cursor = 0;
  let wake: (() => void) | null = null;
  let done = false;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const closed = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          events.push(parseBlock(block));
          notify();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      done = true;
      notify();
    }
  })();

  return {
    status: res.status,
    headers: res.headers,
    events,
    closed,
    async next(name, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        while (cursor < events.length) {
          const e = events[cursor++];
          if (e.event === name) return e;
        }
        if (done) throw new Error(`the stream closed before an "${name}" event`);
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no "${name}" event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close: () => abort.abort(),
  };
}

function parseBlock(block: string): SseEvent {
  const atMs = performance.now();
  const lines = block.split('\n');
  if (lines.every((l) => l.startsWith(':'))) return { event: 'comment', data: lines.map((l) => l.slice(1).trim()).join('\n'), atMs };
  let event = 'message';
  const data: string[] = [];
  for (const line of lines) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n'), atMs };
}
