import { API_LIMITS } from './api';
import type { RunStore } from './run-store';
import { planRequests, splitMetricsRequest, type SyncRequest } from './sync-plan';
import { sendRequest, SyncRequestError, type HttpOptions } from './sync-http';

/**
 * Ships the RunStore's outbox to a Benchtop server (issue 3). No DOM: runs in the kernel worker,
 * the main thread or Node. An outbox entry is acknowledged (deleted) only after the server
 * answered 2xx for all of it; every request is idempotent on the server (runs by updatedAt,
 * points by (run, key, step, time)), so a crash or timeout between "stored" and "acked" costs
 * a re-send, never a lost or doubled point.
 */

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Outbox entries still waiting (all runs). */
  queued: number;
  lastError?: string;
  /** The HTTP status of the last failed request (absent when the server was not reached): 401/403 need a credential, 429 is a rate limit. */
  lastHttpStatus?: number;
  /** When the outbox was last seen empty (ms since epoch). */
  lastSyncedAt?: number;
  /** Runs whose next entry the server refused (4xx), with its answer; retried after a backoff. */
  heldRuns: Record<string, string>;
}

export interface SyncClientOptions {
  store: RunStore;
  /** e.g. "https://bench.example.org" or "" for the page's own origin. No trailing slash needed. */
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  onStatus?: (status: SyncStatus) => void;
  /** Outbox entries per pass. */
  windowEntries?: number;
  maxPointsPerRequest?: number;
  maxBytesPerRequest?: number;
  /** Backoff while the server is unreachable: initial and cap (ms); ±50% jitter. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Poll period while the outbox is empty (ms); `kick()` wakes the loop early. */
  idlePollMs?: number;
  requestTimeoutMs?: number;
  /** Injectable for tests (deterministic jitter). */
  random?: () => number;
}

export interface FlushResult {
  /** Outbox entries acknowledged in this pass. */
  acked: number;
  /** Entries left (all runs). */
  remaining: number;
  /** Runs held back because the server refused one of their entries → the server's answer. */
  held: Record<string, string>;
}

export interface SyncClient {
  /** One pass over a window of the outbox. Throws SyncRequestError when the server is unreachable. */
  flushOnce(): Promise<FlushResult>;
  /** Background loop until `stop()`. */
  start(): void;
  stop(): Promise<void>;
  /** Wake the loop now (e.g. after new entries were queued). */
  kick(): void;
  status(): SyncStatus;
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { store } = options;
  const http: HttpOptions = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    token: options.token,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.requestTimeoutMs ?? 30_000,
  };
  const limits = {
    maxPoints: options.maxPointsPerRequest ?? 5_000,
    // Headroom under the server's limit for the envelope and any multi-byte estimate error.
    maxBytes: options.maxBytesPerRequest ?? Math.floor(API_LIMITS.metricBatchBytes * 0.9),
  };
  const windowEntries = options.windowEntries ?? 500;
  const random = options.random ?? Math.random;
  const backoffInitialMs = options.backoffInitialMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 60_000;
  const idlePollMs = options.idlePollMs ?? 2_000;

  let status: SyncStatus = { state: 'idle', queued: 0, heldRuns: {} };
  const setStatus = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    options.onStatus?.(status);
  };

  /** Sends one request; a 413 splits a metrics chunk in halves until the server takes them. */
  async function deliver(req: SyncRequest): Promise<void> {
    try {
      await sendRequest(http, req, (id) => store.getArtifact(id));
    } catch (err) {
      const halves = err instanceof SyncRequestError && err.kind === 'too-large' && req.kind === 'metrics' ? splitMetricsRequest(req) : undefined;
      if (!halves) throw err;
      for (const half of halves) await deliver(half);
    }
  }

  async function flushOnce(): Promise<FlushResult> {
    const held = new Map<string, string>();
    let acked = 0;
    // Widen the window when everything in it belongs to held runs, so one refused run cannot
    // starve the others queued behind it.
    for (let window = windowEntries; ; window *= 4) {
      const entries = await store.outboxPeek(window);
      let sendable = 0;
      for (const req of planRequests(entries, limits)) {
        if (held.has(req.runId)) continue;
        sendable++;
        try {
          await deliver(req);
        } catch (err) {
          if (!(err instanceof SyncRequestError) || err.kind !== 'rejected') throw err;
          held.set(req.runId, err.message);
          continue;
        }
        if (req.seqs.length > 0) {
          await store.outboxAck(req.seqs);
          acked += req.seqs.length;
          // The server is back: say so while the rest of a long outbox goes out.
          if (status.state === 'offline') setStatus({ state: 'syncing', lastError: undefined, lastHttpStatus: undefined, queued: Math.max(0, status.queued - req.seqs.length) });
        }
      }
      if (sendable > 0 || entries.length < window || window >= 100 * windowEntries) break;
    }
    const remaining = await store.outboxCount();
    return { acked, remaining, held: Object.fromEntries(held) };
  }

  // ── background loop ──
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const backoff = (failures: number) => {
    const base = Math.min(backoffMaxMs, backoffInitialMs * 2 ** Math.max(0, failures - 1));
    return base * (0.5 + random() * 0.5);
  };

  async function run(): Promise<void> {
    let failures = 0;
    while (running) {
      let delay = idlePollMs;
      try {
        const queued = await store.outboxCount();
        // After a failure the state stays 'offline'/'error' through the retries until one gets
        // through: otherwise the chip flips to "Syncing" and back on every backoff step.
        if (queued > 0) setStatus(status.state === 'offline' || status.state === 'error' ? { queued } : { state: 'syncing', queued });
        const result: FlushResult = queued > 0 ? await flushOnce() : { acked: 0, remaining: 0, held: {} };
        const heldCount = Object.keys(result.held).length;
        if (heldCount > 0) {
          failures++;
          delay = backoff(failures);
          const first = Object.entries(result.held)[0];
          setStatus({ state: 'error', queued: result.remaining, heldRuns: result.held, lastError: `server refused run ${first[0]}: ${first[1]}${heldCount > 1 ? ` (and ${heldCount - 1} more runs)` : ''}` });
        } else {
          failures = 0;
          setStatus({ state: result.remaining > 0 ? 'syncing' : 'idle', queued: result.remaining, heldRuns: {}, lastError: undefined, lastHttpStatus: undefined, ...(result.remaining === 0 ? { lastSyncedAt: Date.now() } : {}) });
          if (result.remaining > 0 && result.acked > 0) delay = 0; // more to ship: go on now
        }
      } catch (err) {
        failures++;
        // A busy server (503) says when to come back; the outbox keeps the entry until then.
        delay = Math.max(backoff(failures), err instanceof SyncRequestError ? (err.retryAfterMs ?? 0) : 0);
        const message = err instanceof Error ? err.message : String(err);
        const offline = err instanceof SyncRequestError && err.kind === 'transient';
        const lastHttpStatus = err instanceof SyncRequestError ? err.status : undefined;
        setStatus({ state: offline ? 'offline' : 'error', lastError: message, lastHttpStatus, queued: await store.outboxCount().catch(() => status.queued) });
      }
      if (running && delay > 0) await sleep(delay);
    }
  }

  return {
    flushOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    kick() {
      wake?.();
    },
    status: () => status,
  };
}

export { SyncRequestError };
