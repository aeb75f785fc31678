import { assertNever } from '../shared/assert-never';
import { candidatesFor, nextBackend } from './backend-select';
import type {
  BackendChoice,
  CellError,
  ExecuteResult,
  KernelEvent,
  KernelInfo,
  KernelReply,
  KernelRequest,
  NotebookContext,
  SkippedBackend,
  StopResult,
  WorkerMessage,
} from './protocol';

/** The part of `Worker` the client uses, so tests can hand it an in-process kernel. */
export interface WorkerLike {
  postMessage(message: KernelRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface CreateKernelOptions extends NotebookContext {
  backend: BackendChoice;
  /** How long a cell may take to honour Stop before the worker is terminated (ms, default 1500). */
  stopGraceMs?: number;
  /**
   * How long a starting worker may stay silent before it is given up for dead and the next
   * backend is tried in a fresh worker (ms, default 45 000). Each backend the worker tries resets
   * it; the worker itself gives one backend 2/3 of this before moving on in-process.
   */
  startTimeoutMs?: number;
  /** Starts the worker (lib/worker/browser-kernel.ts gives the real one; tests an in-process kernel). */
  createWorker: () => WorkerLike;
}

export type ExecuteOutcome = { ok: true; result: ExecuteResult } | { ok: false; error: CellError };

export interface ExecuteOptions {
  cellId: string;
  source: string;
  language?: 'typescript' | 'javascript';
  notebookCells?: { cellId: string; source: string }[];
}

/** What Stop did: nothing was running, the cell stopped cooperatively, or the worker was replaced. */
export type StopOutcome = 'idle' | 'stopped' | 'restarted';

export interface KernelClient {
  /** Info of the kernel in use; null until the first `ready`. */
  readonly info: KernelInfo | null;
  /** Resolves at each (re)start's ready handshake; rejects if the worker cannot start. */
  ready(): Promise<KernelInfo>;
  /** Queues a cell; the outcome never rejects for cell errors (they are `{ ok: false }`). */
  execute(options: ExecuteOptions): Promise<ExecuteOutcome>;
  stop(): Promise<StopOutcome>;
  /** Terminates the worker (all state lost) and starts a fresh one. */
  restart(): Promise<KernelInfo>;
  onEvent(listener: (event: KernelEvent) => void): () => void;
  dispose(): void;
}

/** A request before the client numbers it (Omit distributed over the union). */
type UnnumberedRequest = KernelRequest extends infer R ? (R extends KernelRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  request: KernelRequest;
  resolve: (reply: KernelReply) => void;
}

/** Main-thread handle to one notebook's kernel worker. */
export function createKernel(options: CreateKernelOptions): KernelClient {
  const { backend, stopGraceMs = 1500, startTimeoutMs = 45_000, createWorker, ...context } = options;
  const listeners = new Set<(event: KernelEvent) => void>();
  const emit = (event: KernelEvent) => listeners.forEach((l) => l(event));
  let nextId = 1;
  let info: KernelInfo | null = null;
  let worker: WorkerLike;
  let pending = new Map<number, Pending>();
  let readyPromise: Promise<KernelInfo>;
  /** Runs started and not finished in the current worker: orphans if it is terminated. */
  let liveRuns = new Set<string>();
  let disposed = false;
  /** What a (re)start asks for: after a worker died on a backend, restarts skip it (and say so). */
  let bootChoice: BackendChoice = backend;
  let bootSkipped: SkippedBackend[] = [];
  /** Bumped by each (re)start, so a superseded start's fallback does not launch workers. */
  let generation = 0;

  function send<T>(request: UnnumberedRequest): Promise<{ ok: true; result: T } | { ok: false; error: CellError }> {
    const full = { ...request, id: nextId++ } as KernelRequest;
    return new Promise((resolve) => {
      const settle = (reply: KernelReply) =>
        resolve((reply.ok ? { ok: true, result: reply.result as T } : { ok: false, error: reply.error }));
      pending.set(full.id, { request: full, resolve: settle });
      worker.postMessage(full);
    });
  }

  function onMessage(message: WorkerMessage): void {
    switch (message.kind) {
      case 'reply': {
        const entry = pending.get(message.reply.id);
        if (!entry) return; // A reply for a request of a terminated worker.
        pending.delete(message.reply.id);
        entry.resolve(message.reply);
        return;
      }
      case 'events':
        for (const event of message.events) {
          trackRuns(event);
          emit(event);
        }
        return;
      default:
        assertNever(message, 'worker message');
    }
  }

  function trackRuns(event: KernelEvent): void {
    if (event.type === 'run-started') liveRuns.add(event.run.id);
    else if (event.type === 'run-finished') liveRuns.delete(event.runId);
  }

  function start(orphanRunIds: string[]): Promise<KernelInfo> {
    readyPromise = launch(++generation, bootChoice, orphanRunIds, bootSkipped);
    // Callers see the failure through ready(); keep it from surfacing as unhandled.
    readyPromise.catch(() => undefined);
    return readyPromise;
  }

  /**
   * Starts a worker on `choice`. If it dies (an uncaught error before its ready reply), or stays
   * silent for startTimeoutMs, the backend it was starting is recorded as failed and the next one
   * is tried in a fresh worker; requests queued meanwhile are handed to it. The worker itself
   * falls back in-process when a backend merely fails; this covers backends that take it down.
   */
  function launch(gen: number, choice: BackendChoice, orphanRunIds: string[], carried: SkippedBackend[]): Promise<KernelInfo> {
    worker = createWorker();
    const own = worker;
    let trying = candidatesFor(choice)[0];
    let started = false;
    let giveUp: (reason: string) => void = () => undefined;
    const failed = new Promise<string>((resolve) => (giveUp = resolve));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => giveUp(`the kernel worker did not answer within ${Math.round(startTimeoutMs / 1000)} s`), startTimeoutMs);
    };
    worker.onmessage = (e) => {
      if (worker !== own) return;
      if (!started) {
        arm();
        if (e.data.kind === 'events') for (const event of e.data.events) if (event.type === 'backend-trying') trying = event.backend;
      }
      onMessage(e.data);
    };
    worker.onerror = (e) => {
      if (worker !== own) return;
      const message = e.message ?? 'unknown error';
      if (!started) giveUp(`the kernel worker died: ${message}`);
      else emit({ type: 'log', level: 'error', message: `kernel worker error: ${message}` });
    };
    arm();
    const backendTimeoutMs = Math.round((startTimeoutMs * 2) / 3);
    const init = send<KernelInfo>({ type: 'init', backend: choice, context, orphanRunIds, backendTimeoutMs });
    const outcome = Promise.race([init, failed]);
    return outcome.then((result) => {
      started = true;
      clearTimeout(timer);
      if (typeof result !== 'string') {
        if (!result.ok) throw new Error(`kernel failed to start: ${result.error.message}`);
        info = { ...result.result, requested: backend, skipped: [...carried, ...result.result.skipped] };
        emit({ type: 'ready', info });
        return info;
      }
      const skipped = [...carried, { backend: trying, reason: result, unavailable: false }];
      const next = nextBackend(trying);
      if (!next) throw new Error(`kernel failed to start: ${skipped.map((x) => `${x.backend}: ${x.reason}`).join('; ')}`);
      if (gen !== generation || disposed) throw new Error('kernel start superseded by a restart');
      own.onmessage = null;
      own.onerror = null;
      own.terminate();
      for (const [id, p] of pending) if (p.request.type === 'init') pending.delete(id);
      // Info: the notebook shows the outcome as a notice once a backend is running.
      emit({ type: 'log', level: 'info', message: `${trying} failed to start (${result}); trying ${next}` });
      bootChoice = next;
      bootSkipped = skipped;
      const ready = launch(gen, next, orphanRunIds, skipped);
      for (const p of pending.values()) if (p.request.type !== 'init') worker.postMessage(p.request);
      return ready;
    });
  }

  /** Terminates the worker, fails every pending request with `error`, and starts a fresh one. */
  function replaceWorker(reason: string): Promise<KernelInfo> {
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    const failed = pending;
    pending = new Map();
    const orphans = [...liveRuns];
    liveRuns = new Set();
    info = null;
    const error: CellError = { name: 'KernelRestarted', message: reason, line: null, column: null };
    for (const { request, resolve } of failed.values()) {
      if (request.type === 'execute') emit({ type: 'output', cellId: request.cellId, output: { type: 'error', error } });
      resolve({ id: request.id, ok: false, error });
    }
    // Start first, so a listener that awaits ready() on `restarted` waits for the new worker.
    const ready = start(orphans);
    emit({ type: 'restarted', reason });
    return ready;
  }

  const executing = () => [...pending.values()].filter((p) => p.request.type === 'execute');

  start([]);

  return {
    get info() {
      return info;
    },
    ready: () => readyPromise,
    async execute({ cellId, source, language = 'typescript', notebookCells = [{ cellId, source }] }) {
      if (disposed) throw new Error('kernel is disposed');
      return send<ExecuteResult>({ type: 'execute', cellId, source, language, notebookCells });
    },
    async stop() {
      if (disposed) return 'idle';
      const inFlight = executing().map((p) => new Promise<void>((r) => {
        const original = p.resolve;
        p.resolve = (reply) => { original(reply); r(); };
      }));
      if (inFlight.length === 0) return 'idle';
      const stopReply = send<StopResult>({ type: 'stop' });
      // A training loop that acknowledged the stop is flushing its run: give it longer to finish.
      const grace = stopReply.then((r) => (r.ok && r.result.stoppingRunIds.length > 0 ? stopGraceMs * 4 : stopGraceMs));
      let timer: ReturnType<typeof setTimeout> | undefined;
      /** How long the cell was given in the end (the message must name this, not the base grace). */
      let waitedMs = stopGraceMs;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), stopGraceMs);
        grace.then((ms) => {
          if (ms === stopGraceMs) return;
          clearTimeout(timer);
          waitedMs = ms;
          timer = setTimeout(() => resolve('timeout'), ms);
        });
      });
      const outcome = await Promise.race([Promise.all(inFlight).then(() => 'done' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'done') return 'stopped';
      await replaceWorker(
        `The running cell did not stop within ${(waitedMs / 1000).toFixed(1)} s, so the kernel was restarted: ` +
          'all variables, models and tensors are lost. Run the cells again.',
      ).catch(() => undefined);
      return 'restarted';
    },
    restart() {
      if (disposed) return Promise.reject(new Error('kernel is disposed'));
      return replaceWorker('Kernel restarted: all variables, models and tensors are lost.');
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.onmessage = null;
      worker.terminate();
      const error: CellError = { name: 'KernelRestarted', message: 'kernel disposed', line: null, column: null };
      for (const { request, resolve } of pending.values()) resolve({ id: request.id, ok: false, error });
      pending.clear();
      listeners.clear();
    },
  };
}
