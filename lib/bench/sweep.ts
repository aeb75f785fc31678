import { runSweepAgent, type AgentStatus } from '../sweep/agent';
import { FunctionNameSchema } from '../sweep/api';
import { createSweepHttpClient, type SweepHttpClient } from '../sweep/http-client';
import { LocalSweepRecorder } from '../sweep/local-record';
import { toSweepSpec } from '../sweep/parse';
import { runSweep, type SweepUpdate, type TrainFunction, type TrainResult, type TrialContext } from '../sweep/run-sweep';
import { createSweepState } from '../sweep/sweep-state';
import { bestTrial, type BestTrial } from '../sweep/analysis';
import type { TrialConfig } from '../sweep/space';
import type { SweepSpec } from '../sweep/spec';
import { openIdbSweepStore, type LocalSweepStore } from '../sweep/idb-sweeps';
import { assertNever } from '../shared/assert-never';
import type { CellOutput } from '../kernel/protocol';
import { InterruptedError, type BenchSession } from '../kernel/session';
import type { EpochLogs, TrainOptions } from './train-options';

/**
 * `bench.sweep(spec, train, options)`: a W&B-style sweep in the notebook's kernel. Each trial
 * calls the user's training function with the trial's config; every `bench.train` inside it
 * becomes a run linked to the sweep (sweepId/trialId, the trial's config merged into the run's)
 * and reports its per-epoch logs to the sweep, whose answer (Hyperband, Stop) ends the run as
 * `stopped` with the reason. Local sweeps are kept in IndexedDB (the /sweeps page reads them);
 * `server: true` creates the sweep on the tracking server and joins it as the first agent, and
 * `bench.sweep.join(id, train)` is what every other browser's join page runs.
 */

/** The user's function: gets the trial's config (and the trial, for hand-written loops). */
export type TrialFunction = (config: TrialConfig, trial: TrialContext) => unknown;

export interface BenchSweepOptions {
  /** Run at most this many trials in this call (random and bayes sweeps need it or run_cap). */
  count?: number;
  /** Sampler seed (default 0): the same seed proposes the same trials. */
  seed?: number;
  name?: string;
  /** Create the sweep on the tracking server (other browsers can join it) and work on it here. */
  server?: boolean | { baseUrl?: string; token?: string; leaseMs?: number };
  /** Name of the training function in the notebook, for server sweeps (default: the function's own name). */
  functionName?: string;
  /** The text to keep as the sweep's config (a sweep cell passes its own source, cell keys included). */
  source?: string;
}

export interface JoinOptions {
  /** Leave after this many trials. */
  count?: number;
  agentId?: string;
  baseUrl?: string;
  token?: string;
}

export interface BenchSweepResult {
  sweepId: string;
  /** Why the sweep (or this agent) ended. */
  reason: string;
  trials: number;
  best: BestTrial | null;
  /** The sweep page, relative to the app. */
  url: string;
}

export type BenchSweep = ((spec: SweepSpec | string | Record<string, unknown>, train: TrialFunction, options?: BenchSweepOptions) => Promise<BenchSweepResult>) & {
  join(sweepId: string, train: TrialFunction, options?: JoinOptions): Promise<BenchSweepResult>;
};

export interface BenchSweepDeps {
  openStore?: () => Promise<LocalSweepStore>;
  fetch?: typeof fetch;
}

interface TrialScope {
  sweepId: string;
  trialId: string;
  config: TrialConfig;
  ctx: TrialContext;
}

/** The trial whose training function is running in each kernel (trials run one at a time). */
const scopes = new WeakMap<BenchSession, TrialScope>();

/** Keras-style aliases, so a W&B spec's `val_loss` finds our `val/loss`. */
function withAliases(logs: EpochLogs): Record<string, number> {
  const out: Record<string, number> = { ...logs };
  for (const [key, value] of Object.entries(logs)) if (key.includes('/')) out[key.replace(/\//g, '_')] ??= value;
  return out;
}

/**
 * bench.train's options inside a trial: the run is linked to the trial, records the trial's
 * config, and each epoch's logs go to the sweep, which may stop the run (Hyperband, Stop).
 * Outside a trial the options pass through unchanged.
 */
export function trialTrainOptions(session: BenchSession, options: TrainOptions): TrainOptions {
  const scope = scopes.get(session);
  if (!scope || !options || typeof options !== 'object') return options;
  const own = options.onEpochEnd;
  return {
    ...options,
    name: options.name ? `${options.name} · ${scope.trialId}` : scope.trialId,
    config: { ...scope.config, ...options.config },
    sweepId: options.sweepId ?? scope.sweepId,
    trialId: options.trialId ?? scope.trialId,
    async onEpochEnd(epoch, logs, run) {
      const verdict = await own?.(epoch, logs, run);
      scope.ctx.linkRun(run.runId);
      const decision = await scope.ctx.reportEpoch(epoch, withAliases(logs));
      if (decision.stop) return { stop: true, reason: decision.reason ?? 'stopped by the sweep' };
      return verdict;
    },
  };
}

const randomId = (prefix: string) => `${prefix}-${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 12)}`;
/** `{lr: 0.0581, units: 8}`: configs as a line, numbers to 4 significant digits. */
const short = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(4)) : x))
    ?.replace(/"([A-Za-z_$][\w$]*)":/g, '$1: ')
    .replace(/,(?=[^\s])/g, ', ') ?? String(v);
const fmt = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

export function createBenchSweep(session: BenchSession, deps: BenchSweepDeps = {}): BenchSweep {
  const openStore = deps.openStore ?? (() => openIdbSweepStore());
  const cellId = () => session.currentCell().cellId;
  const print = (output: CellOutput) => session.emit({ type: 'output', cellId: cellId(), output });
  const say = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => print({ type: 'text', stream, text: `${text}\n` });

  function httpClient(o: { baseUrl?: string; token?: string }): SweepHttpClient {
    const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
    return createSweepHttpClient({ baseUrl: o.baseUrl ?? origin, token: o.token, fetch: deps.fetch });
  }

  /** Wraps the user's function: sets the trial scope, and turns the kernel's Stop into the sweep's. */
  function trialRunner(sweepId: string, fn: TrialFunction, stopAll: () => void): TrainFunction {
    return async (config, ctx) => {
      scopes.set(session, { sweepId, trialId: ctx.trialId, config, ctx });
      try {
        const result = await fn(config, ctx);
        // A number or {metric} is the trial's result; anything else (bench.train's result) leaves
        // the last reported value of the sweep metric as the result.
        const explicit = typeof result === 'number' || typeof (result as { metric?: unknown } | null)?.metric === 'number';
        return (explicit ? result : undefined) as TrainResult;
      } catch (error) {
        if (session.stopRequested()) stopAll();
        throw error;
      } finally {
        scopes.delete(session);
      }
    };
  }

  /** Aborts when the kernel's Stop is pressed (checked every 250 ms) or `extra` names a reason (every 500 ms). */
  function stopSignal(extra?: () => Promise<string | null>) {
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => {
      if (session.stopRequested()) controller.abort('sweep stopped by user');
      else if (extra && ++ticks % 2 === 0) void extra().then((reason) => reason && controller.abort(reason), () => undefined);
    }, 250);
    return { controller, dispose: () => clearInterval(timer), byUser: () => session.stopRequested() };
  }

  function checkFunction(fn: unknown, what: string): asserts fn is TrialFunction {
    if (typeof fn !== 'function') throw new TypeError(`${what}: the second argument must be the training function, e.g. bench.sweep(spec, (config) => bench.train({ ... }))`);
  }

  async function local(spec: SweepSpec, specSource: string, fn: TrialFunction, options: BenchSweepOptions): Promise<BenchSweepResult> {
    const id = randomId('lsw');
    const store = await openStore();
    const seed = options.seed ?? 0;
    const recorder = new LocalSweepRecorder(
      { id, projectId: session.context.projectId, notebookId: session.context.notebookId || null, name: options.name ?? spec.name ?? null, specSource, functionName: options.functionName ?? (fn.name || null) },
      createSweepState({ spec, seed }),
      store,
    );
    await recorder.save();
    print({ type: 'html-safe-markdown', markdown: `**Sweep ${id}** (${spec.method}${spec.metric ? `, ${spec.metric.goal} ${spec.metric.name}` : ''}): [open the sweep page](/sweeps/${id})` });
    const stop = stopSignal(async () => (await store.stopRequest(id))?.reason ?? null);
    const onUpdate = (u: SweepUpdate) => {
      switch (u.type) {
        case 'trial-started':
          say(`${u.trial.id} started: ${short(u.trial.config)}`);
          return void recorder.update(u.state, true);
        case 'epoch':
          return void recorder.update(u.state, false);
        case 'trial-ended':
          say(`${u.trial.id} ${u.trial.status} · ${spec.metric?.name ?? 'metric'} ${fmt(u.trial.metric)}${u.trial.reason ? ` · ${u.trial.reason}` : ''}`);
          return void recorder.update(u.state, true);
        case 'run-linked':
          return void recorder.linkRun({ trialId: u.trialId, runId: u.runId, agentId: 'local', attempt: u.attempt });
        case 'warning':
          return say(`warning (${u.trialId}): ${u.message}`, 'stderr');
        case 'sweep-ended':
          return;
        default:
          assertNever(u, 'sweep update');
      }
    };
    let result;
    try {
      result = await runSweep({ spec, seed, count: options.count, signal: stop.controller.signal, train: trialRunner(id, fn, () => stop.controller.abort('sweep stopped by user')), onUpdate });
    } catch (error) {
      await recorder.fail(error instanceof Error ? error.message : String(error));
      store.close();
      throw error;
    } finally {
      stop.dispose();
    }
    // A local sweep lives as long as this call: one that ended on `count` is over, not waiting for agents.
    const finalState = result.state.status === 'running' ? { ...result.state, status: 'finished' as const, reason: result.reason } : result.state;
    await recorder.close(finalState);
    store.close();
    if (recorder.lastError) say(`the sweep could not be saved for the sweep page: ${recorder.lastError}`, 'stderr');
    say(`sweep ${id} ended: ${result.reason}${result.best ? ` · best ${result.best.trialId} ${fmt(result.best.metric)} ${short(result.best.config)}` : ''}`);
    if (stop.byUser()) throw new InterruptedError(`Stopped by user: sweep ${id} ended after ${result.state.trials.length} trial(s)`);
    return { sweepId: id, reason: result.reason, trials: result.state.trials.length, best: result.best, url: `/sweeps/${id}` };
  }

  async function join(sweepId: string, fn: TrialFunction, options: JoinOptions = {}): Promise<BenchSweepResult> {
    checkFunction(fn, 'bench.sweep.join');
    const client = httpClient(options);
    const agentId = options.agentId ?? randomId('agent');
    const stop = stopSignal();
    say(`agent ${agentId} joined sweep ${sweepId}`);
    let outcome;
    try {
      outcome = await runSweepAgent({
        client, sweepId, agentId, maxTrials: options.count, signal: stop.controller.signal,
        train: trialRunner(sweepId, fn, () => stop.controller.abort('agent stopped by user')),
        onStatus: statusPrinter(say),
      });
    } finally {
      stop.dispose();
    }
    const final = await client.get(sweepId).catch(() => null);
    const best = final ? bestTrial(final.state) : null;
    if (stop.byUser()) throw new InterruptedError(`Stopped by user: agent ${agentId} left sweep ${sweepId} after ${outcome.trials} trial(s)`);
    return { sweepId, reason: outcome.reason, trials: outcome.trials, best, url: `/sweeps/${sweepId}` };
  }

  async function onServer(spec: SweepSpec, specSource: string, fn: TrialFunction, options: BenchSweepOptions): Promise<BenchSweepResult> {
    const server = typeof options.server === 'object' ? options.server : {};
    const functionName = options.functionName ?? fn.name;
    if (!FunctionNameSchema.safeParse(functionName).success) {
      throw new TypeError('bench.sweep: a server sweep needs a named training function that other browsers can find (function trainTrial(config) {…} in a cell above), or functionName');
    }
    const cell = session.currentCell();
    const here = cell.notebookCells.findIndex((c) => c.cellId === cell.cellId);
    // Agents run the cells above this one: they define the data and the training function.
    const cells = here === -1 ? cell.notebookCells : cell.notebookCells.slice(0, here);
    // `spec` is the validated config; the source (a sweep cell's text, its own keys included) is
    // what the sweep page shows, and the server would refuse those keys as config fields.
    const created = await httpClient(server).create({
      projectId: session.context.projectId, name: options.name, spec: { ...spec }, specSource, seed: options.seed ?? 0,
      code: { cells }, functionName, notebookId: session.context.notebookId || null, leaseMs: server.leaseMs,
    });
    print({ type: 'html-safe-markdown', markdown: `**Sweep ${created.id}** on the server: [sweep page](/sweeps/${created.id}) · [join link](/sweeps/${created.id}/join) (open it in other browsers to add agents)` });
    return join(created.id, fn, { count: options.count, baseUrl: server.baseUrl, token: server.token });
  }

  const sweep = (async (spec, fn, options = {}) => {
    checkFunction(fn, 'bench.sweep');
    let parsed: SweepSpec;
    try {
      parsed = toSweepSpec(spec);
    } catch (error) {
      if (error instanceof Error) error.message = `bench.sweep: ${error.message}`;
      throw error;
    }
    const specSource = options.source ?? (typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
    return options.server ? onServer(parsed, specSource, fn, options) : local(parsed, specSource, fn, options);
  }) as BenchSweep;
  sweep.join = join;
  return sweep;
}

/** Agent statuses as cell output lines; repeated "waiting" lines are printed once. */
function statusPrinter(say: (text: string, stream?: 'stdout' | 'stderr') => void): (s: AgentStatus) => void {
  let lastWait = '';
  return (s) => {
    if (s.kind !== 'waiting') lastWait = '';
    switch (s.kind) {
      case 'training':
        return say(`${s.trialId} leased (attempt ${s.attempt}): ${short(s.config)}`);
      case 'trial-ended':
        return say(`${s.trialId} ${s.status} · metric ${fmt(s.metric)}${s.reason ? ` · ${s.reason}` : ''}${s.note ? ` (${s.note})` : ''}`);
      case 'waiting':
        if (s.reason !== lastWait) say(`waiting: ${s.reason}`);
        lastWait = s.reason;
        return;
      case 'retrying':
        return say(`${s.what} failed (${s.error}); retrying in ${Math.round(s.retryInMs / 100) / 10} s`, 'stderr');
      case 'warning':
        return say(`warning: ${s.message}`, 'stderr');
      case 'done':
        return say(`agent done after ${s.trials} trial(s): ${s.reason}`);
      case 'leasing':
      case 'epoch':
        return;
      default:
        assertNever(s, 'agent status');
    }
  };
}
