import type { LeaseResponse, ReportResponse } from './api';
import type { SweepHttpClient } from './http-client';
import type { TrainFunction, TrainResult, TrialContext } from './run-sweep';
import type { FinishStatus } from './trial-events';

/**
 * A sweep agent: one browser tab (its kernel) working on a server-held sweep. It leases a trial,
 * runs the training function with the trial's config, reports the sweep metric every epoch (the
 * server applies Hyperband across all agents and may answer "stop"), renews its lease while it
 * trains, finishes the trial, and asks again, until the server says the sweep is done. Unlike
 * W&B's agent (wandb#3961) it exits when the sweep ends, is stopped, or `signal` aborts.
 */

export type AgentStatus =
  | { kind: 'leasing' }
  | { kind: 'waiting'; reason: string; retryInMs: number }
  | { kind: 'training'; trialId: string; index: number; config: Record<string, unknown>; attempt: number }
  | { kind: 'epoch'; trialId: string; epoch: number; value: number | null; decision: 'continue' | 'stop' }
  | { kind: 'trial-ended'; trialId: string; status: FinishStatus; metric: number | null; reason: string | null; accepted: boolean; note: string | null }
  | { kind: 'retrying'; what: string; error: string; retryInMs: number }
  | { kind: 'warning'; message: string }
  | { kind: 'done'; reason: string; trials: number };

export interface SweepAgentOptions {
  client: SweepHttpClient;
  sweepId: string;
  agentId: string;
  train: TrainFunction;
  /** Aborting ends the agent: the running trial is told to stop and reported as stopped. */
  signal?: AbortSignal;
  onStatus?: (status: AgentStatus) => void;
  /** Leave after this many trials (wandb.agent's `count`). */
  maxTrials?: number;
  /** Give up when the server stays unreachable this long (ms, default 120 s). */
  giveUpAfterMs?: number;
  /** Test seam. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SweepAgentResult {
  /** Trials this agent ran (accepted or not). */
  trials: number;
  reason: string;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

const isTransient = (error: unknown) => (error as { transient?: boolean } | null)?.transient === true;

function resultMetric(result: TrainResult): number | null {
  if (typeof result === 'number') return result;
  if (result && typeof result === 'object' && typeof result.metric === 'number') return result.metric;
  return null;
}

export async function runSweepAgent(options: SweepAgentOptions): Promise<SweepAgentResult> {
  const { client, sweepId, agentId, signal } = options;
  const emit = (s: AgentStatus) => options.onStatus?.(s);
  const sleep = options.sleep ?? defaultSleep;
  const giveUpAfterMs = options.giveUpAfterMs ?? 120_000;

  /** Retries a request while the server is unreachable (backoff 0.5 s → 8 s), up to giveUpAfterMs. */
  async function withRetry<T>(what: string, request: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let delay = 500; ; delay = Math.min(delay * 2, 8000)) {
      try {
        return await request();
      } catch (error) {
        if (!isTransient(error) || Date.now() - started > giveUpAfterMs || signal?.aborted) throw error;
        emit({ kind: 'retrying', what, error: error instanceof Error ? error.message : String(error), retryInMs: delay });
        await sleep(delay, signal);
      }
    }
  }

  let trials = 0;
  const finish = (reason: string): SweepAgentResult => {
    emit({ kind: 'done', reason, trials });
    return { trials, reason };
  };
  for (;;) {
    if (signal?.aborted) return finish('agent stopped');
    if (options.maxTrials !== undefined && trials >= options.maxTrials) return finish(`ran ${trials} trial(s), the agent's count`);
    emit({ kind: 'leasing' });
    const lease = await withRetry('lease', () => client.lease(sweepId, agentId));
    if (lease.kind === 'done') return finish(lease.reason);
    if (lease.kind === 'wait') {
      const retryInMs = Math.min(Math.max(lease.retryAfterMs ?? 2000, 500), 5000);
      emit({ kind: 'waiting', reason: lease.reason, retryInMs });
      await sleep(retryInMs, signal);
      continue;
    }
    trials++;
    await runLeasedTrial(lease, { ...options, emit, withRetry });
  }
}

type LeasedTrial = Extract<LeaseResponse, { kind: 'trial' }>;

const LEFT = 'the agent left';

async function runLeasedTrial(
  lease: LeasedTrial,
  io: SweepAgentOptions & { emit: (s: AgentStatus) => void; withRetry: <T>(what: string, request: () => Promise<T>) => Promise<T> },
): Promise<void> {
  const { client, sweepId, agentId, emit } = io;
  const trialId = lease.trialId;
  const abort = new AbortController();
  let stopReason: string | null = null;
  let runId: string | undefined;
  let warned = false;
  /** The last reported sweep metric: the trial's result when `train` returns none (as the server also decides). */
  let lastValue: number | null = null;
  const stop = (reason: string) => {
    stopReason ??= reason;
    abort.abort(reason);
  };
  const onAgentAbort = () => stop(LEFT);
  io.signal?.addEventListener('abort', onAgentAbort, { once: true });
  emit({ kind: 'training', trialId, index: lease.index, config: lease.config, attempt: lease.attempt });

  // Renew at a third of the lease, so two lost requests in a row still leave time for the third.
  const renewEveryMs = Math.max(50, Math.floor(lease.leaseMs / 3));
  const renewTimer = setInterval(() => {
    client.renew(sweepId, { agentId, trialId }).then(
      (answer) => {
        if (!answer.ok) stop(answer.reason);
      },
      (error: unknown) => emit({ kind: 'warning', message: `lease renewal failed (will retry): ${error instanceof Error ? error.message : String(error)}` }),
    );
  }, renewEveryMs);

  const ctx: TrialContext = {
    trialId,
    index: lease.index,
    signal: abort.signal,
    linkRun(id) {
      runId = id;
    },
    async reportEpoch(epoch, metrics) {
      if (stopReason) return { stop: true, reason: stopReason };
      const name = lease.metric?.name;
      const value = name === undefined ? undefined : metrics[name];
      if (name !== undefined && typeof value !== 'number') {
        if (!warned) {
          warned = true;
          emit({ kind: 'warning', message: `epoch ${epoch} reported ${Object.keys(metrics).join(', ') || 'no metrics'} but not the sweep metric "${name}": early termination cannot use this trial` });
        }
        return { stop: false };
      }
      if (value === undefined) return { stop: false };
      lastValue = value;
      let answer: ReportResponse;
      try {
        answer = await client.report(sweepId, { agentId, trialId, epoch, value, runId });
      } catch (error) {
        // One lost report costs Hyperband one data point, not the trial: carry on training.
        emit({ kind: 'warning', message: `report of epoch ${epoch} failed: ${error instanceof Error ? error.message : String(error)}` });
        return { stop: false };
      }
      emit({ kind: 'epoch', trialId, epoch, value, decision: 'stop' in answer ? 'stop' : 'continue' });
      if ('stop' in answer) {
        stop(answer.reason);
        return { stop: true, reason: answer.reason };
      }
      return { stop: false };
    },
  };

  let status: FinishStatus;
  let metric: number | null = null;
  let reason: string | null = null;
  try {
    metric = resultMetric(await io.train(structuredClone(lease.config), ctx));
    status = stopReason ? 'stopped' : 'finished';
    reason = stopReason;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    status = abort.signal.aborted ? 'stopped' : 'failed';
    reason = stopReason ?? message;
  } finally {
    clearInterval(renewTimer);
    io.signal?.removeEventListener('abort', onAgentAbort);
  }
  if (io.signal?.aborted && stopReason === LEFT) {
    // Leaving is not a result: the lease runs out and another agent gets the trial from the start.
    emit({ kind: 'trial-ended', trialId, status, metric: metric ?? lastValue, reason, accepted: false, note: 'the agent left: the lease will expire and the trial will be handed out again' });
    return;
  }
  const answer = await io.withRetry('finish', () => client.finish(sweepId, { agentId, trialId, status, metric, reason: reason ?? undefined, runId }));
  emit({
    kind: 'trial-ended', trialId, status, metric: metric ?? lastValue, reason,
    accepted: answer.accepted, note: answer.accepted ? null : answer.reason,
  });
}
