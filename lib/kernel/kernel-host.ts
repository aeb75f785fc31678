import type * as tfType from '@tensorflow/tfjs';
import type { BenchSession, CellContext } from './session';
import { InterruptedError } from './session';
import type { RunStore } from '../track/run-store';
import type { BackendName } from '../track/schemas';
import { assertNever } from '../shared/assert-never';
import { selectBackend } from './backend-select';
import { compileCell, describeError, type CompiledCell } from './cell-runner';
import { createCellConsole } from './cell-console';
import { EventBatcher } from './event-batcher';
import { formatValue } from './format-value';
import { registerKernelFixes } from './kernel-fixes';
import type { CellError, ExecuteResult, KernelEvent, KernelInfo, KernelRequest, NotebookContext, StopResult, WorkerMessage } from './protocol';

export interface KernelHostOptions {
  tf: typeof tfType;
  post: (message: WorkerMessage) => void;
  openStore: () => Promise<RunStore>;
  /** Builds the globals cells see besides `tf` and `console` (the `bench` object). */
  createGlobals: (session: BenchSession) => Record<string, unknown>;
  browser: string;
  describeAdapter?: (backend: BackendName) => Promise<string | null>;
  precheck?: (backend: BackendName) => Promise<string | null> | string | null;
  /**
   * Also route the global console (what libraries print, e.g. tf's model.summary()) to the
   * running cell. The worker sets it; Node tests leave the test runner's console alone.
   */
  routeGlobalConsole?: boolean;
}

type ExecuteRequest = Extract<KernelRequest, { type: 'execute' }>;

/**
 * The kernel's request handler, independent of `self` so Node tests can drive it. Cells run one
 * at a time in arrival order; `stop` is handled at once (it must overtake the queue).
 */
export function createKernelHost(options: KernelHostOptions): { handle(request: KernelRequest): void } {
  const { tf, post } = options;
  registerKernelFixes(tf);
  const batcher = new EventBatcher(post);
  const emit = (event: KernelEvent) => batcher.emit(event);
  const reply = (id: number, result: { ok: true; result: unknown } | { ok: false; error: CellError }) => {
    batcher.flush();
    post({ kind: 'reply', reply: { id, ...result } });
  };

  let info: KernelInfo | null = null;
  let context: NotebookContext | null = null;
  let store: Promise<RunStore> | null = null;
  let cell: CellContext = { cellId: '', notebookCells: [] };
  let stopRequested = false;
  const activeRuns = new Set<string>();
  /** Executes received and not started yet, by request id. */
  const queued = new Map<number, string>();
  const cancelled = new Set<number>();
  const scope: Record<string, unknown> = Object.create(null);
  /** What the running cell's open runs do if it throws (see BenchSession.onCellError). */
  const cellErrorHooks = new Set<(error: CellError) => Promise<void> | void>();
  let chain: Promise<unknown> = Promise.resolve();

  const session: BenchSession = {
    tf,
    get context() {
      if (!context) throw new Error('kernel not initialised');
      return context;
    },
    kernelInfo: () => {
      if (!info) throw new Error('kernel not initialised');
      return info;
    },
    store: () => (store ??= options.openStore()),
    emit,
    currentCell: () => cell,
    stopRequested: () => stopRequested,
    trackRun(runId) {
      activeRuns.add(runId);
      return () => activeRuns.delete(runId);
    },
    onCellError: (hook) => void cellErrorHooks.add(hook),
    browser: options.browser,
  };

  async function init(request: Extract<KernelRequest, { type: 'init' }>): Promise<void> {
    try {
      context = request.context;
      info = await selectBackend({
        tf,
        choice: request.backend,
        describeAdapter: options.describeAdapter,
        precheck: options.precheck,
        timeoutMs: request.backendTimeoutMs,
        // Flushed at once: if this backend kills the worker, the client must know which one it was.
        onTry: (backend) => {
          emit({ type: 'backend-trying', backend });
          batcher.flush();
        },
      });
      Object.assign(scope, { tf, ...options.createGlobals(session) });
      // The kernel is usable even if IndexedDB is not (e.g. blocked storage): runs will fail then, cells won't.
      await markOrphansStopped(session, request.orphanRunIds ?? []).catch((error) =>
        emit({ type: 'log', level: 'warn', message: `could not mark the previous kernel's runs as stopped: ${String(error)}` }),
      );
      reply(request.id, { ok: true, result: info });
    } catch (error) {
      reply(request.id, { ok: false, error: describeError(error) });
    }
  }

  async function execute(request: ExecuteRequest): Promise<void> {
    queued.delete(request.id);
    if (cancelled.delete(request.id)) {
      const error: CellError = { name: 'Cancelled', message: 'Not run: Stop was pressed while it was queued', line: null, column: null };
      reply(request.id, { ok: false, error });
      return;
    }
    cell = { cellId: request.cellId, notebookCells: request.notebookCells };
    stopRequested = false;
    const cellConsole = createCellConsole(request.cellId, emit);
    scope.console = cellConsole;
    if (options.routeGlobalConsole) Object.assign(globalThis.console, pick(cellConsole, ['log', 'info', 'debug', 'warn', 'error', 'table']));
    const started = performance.now();
    let compiled: CompiledCell | null = null;
    try {
      if (!info) throw new Error('kernel failed to initialise; restart it');
      compiled = await compileCell(request.source, request.language);
      const value = await compiled.run(scope);
      const text = compiled.returnsValue && value !== undefined ? formatValue(value) : null;
      if (text !== null) emit({ type: 'output', cellId: request.cellId, output: { type: 'value', text } });
      const result: ExecuteResult = { value: text, durationMs: performance.now() - started };
      reply(request.id, { ok: true, result });
    } catch (thrown) {
      const error = thrown instanceof InterruptedError ? describeError(thrown) : compiled ? compiled.toCellError(thrown) : describeError(thrown);
      emit({ type: 'output', cellId: request.cellId, output: { type: 'error', error } });
      await Promise.all([...cellErrorHooks].map(async (hook) => hook(error))).catch((hookError) =>
        emit({ type: 'log', level: 'error', message: `ending the cell's runs failed: ${String(hookError)}` }),
      );
      reply(request.id, { ok: false, error });
    } finally {
      cellErrorHooks.clear();
    }
  }

  function stop(id: number): void {
    stopRequested = true;
    const cancelledCellIds = [...queued.entries()].map(([reqId, cellId]) => {
      cancelled.add(reqId);
      return cellId;
    });
    const result: StopResult = { stoppingRunIds: [...activeRuns], cancelledCellIds };
    reply(id, { ok: true, result });
  }

  return {
    handle(request) {
      switch (request.type) {
        case 'init':
          chain = chain.then(() => init(request));
          return;
        case 'execute':
          queued.set(request.id, request.cellId);
          chain = chain.then(() => execute(request));
          return;
        case 'stop':
          stop(request.id);
          return;
        default:
          assertNever(request, 'kernel request');
      }
    },
  };
}

function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, object[k]])) as Pick<T, K>;
}

/** Runs a terminated worker left `running` end as `stopped` (they did not crash: the user stopped them). */
async function markOrphansStopped(session: BenchSession, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  const store = await session.store();
  for (const id of runIds) {
    const run = await store.getRun(id);
    if (!run || run.status !== 'running') continue;
    const now = Date.now();
    await store.putRun({ ...run, status: 'stopped', statusReason: 'the kernel was terminated while this run was training (Stop/Restart)', finishedAt: now, updatedAt: now });
  }
}
