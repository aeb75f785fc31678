import { bestTrial, type BestTrial } from './analysis';
import { toSweepSpec } from './parse';
import { SweepController } from './scheduler';
import type { TrialConfig } from './space';
import type { SweepSpec } from './spec';
import type { SweepState, TrialRecord } from './sweep-state';

/**
 * Runs a whole sweep in this process, one trial after another: the driver behind
 * `bench.sweep(spec, train)` in the kernel. The training function gets each trial's config and
 * reports per-epoch metrics; the answer to every report says whether Hyperband (or the user)
 * stopped the trial, and the trial's AbortSignal fires at the same moment.
 */

export interface TrialContext {
  trialId: string;
  /** 0-based trial index. */
  index: number;
  /**
   * Report one epoch's metrics (the sweep metric among them). Resolves to `stop: true` when the
   * trial must end now (Hyperband, or the sweep was stopped); return from `train` then.
   */
  reportEpoch(epoch: number, metrics: Record<string, number>): Promise<{ stop: boolean; reason?: string }>;
  /** Aborted when this trial must stop. */
  signal: AbortSignal;
  /** Records that this attempt of the trial produced tracked run `runId` (bench.train calls it). */
  linkRun(runId: string): void;
}

/** The trial's result: `{metric}` or a bare number; without one, the last reported sweep metric counts. */
export type TrainResult = { metric?: number } | number | void;
export type TrainFunction = (config: TrialConfig, ctx: TrialContext) => Promise<TrainResult>;

export type SweepUpdate =
  | { type: 'trial-started'; trial: TrialRecord; state: SweepState }
  | { type: 'epoch'; trial: TrialRecord; epoch: number; metrics: Record<string, number>; state: SweepState }
  | { type: 'trial-ended'; trial: TrialRecord; state: SweepState }
  | { type: 'run-linked'; trialId: string; runId: string; attempt: number }
  | { type: 'sweep-ended'; reason: string; state: SweepState }
  /** Something the user should fix, e.g. the sweep metric missing from reports (Hyperband cannot act then). */
  | { type: 'warning'; trialId: string; message: string };

export interface RunSweepOptions {
  /** A W&B sweep config: YAML/JSON text, an object, or an already validated SweepSpec. */
  spec: SweepSpec | string | Record<string, unknown>;
  train: TrainFunction;
  /** Integer seed for the samplers (default 0): the same seed gives the same trials. */
  seed?: number;
  /** Run at most this many trials in this call (wandb.agent's `count`); random and bayes need it or run_cap to end. */
  count?: number;
  /** Aborting stops the sweep: no new trial starts and the running one is told to stop. */
  signal?: AbortSignal;
  onUpdate?: (update: SweepUpdate) => void;
  /** Continue a saved sweep instead of starting a new one (spec and seed then come from the state). */
  resume?: SweepState;
}

export interface SweepResult {
  state: SweepState;
  best: BestTrial | null;
  /** Why the sweep ended (grid done, run_cap, count, stopped by user…). */
  reason: string;
}

const trialOf = (c: SweepController, id: string) => c.state.trials.find((t) => t.id === id) as TrialRecord;

function resultMetric(result: TrainResult): number | null {
  if (typeof result === 'number') return result;
  if (result && typeof result === 'object' && typeof result.metric === 'number') return result.metric;
  return null;
}

export async function runSweep(options: RunSweepOptions): Promise<SweepResult> {
  const controller = options.resume
    ? new SweepController({ state: options.resume })
    : new SweepController({ spec: toSweepSpec(options.spec), seed: options.seed ?? 0 });
  const emit = (u: SweepUpdate) => options.onUpdate?.(u);
  const metricName = controller.state.spec.metric?.name;
  // The abort reason, when it is a sentence (e.g. "stopped from the sweep page"), is the sweep's.
  const onUserStop = () => controller.stop(typeof options.signal?.reason === 'string' ? options.signal.reason : 'sweep stopped by user');
  options.signal?.addEventListener('abort', onUserStop, { once: true });
  if (options.signal?.aborted) onUserStop();

  let reason = '';
  try {
    for (let started = 0; ; started++) {
      if (options.count !== undefined && started >= options.count) {
        reason = `count of ${options.count} trial(s) reached`;
        break;
      }
      const next = controller.nextTrial();
      if (next.kind === 'done') {
        reason = next.reason;
        break;
      }
      emit({ type: 'trial-started', trial: trialOf(controller, next.trialId), state: controller.state });
      await runTrial(controller, next, { train: options.train, metricName, signal: options.signal, emit });
    }
  } finally {
    options.signal?.removeEventListener('abort', onUserStop);
  }
  emit({ type: 'sweep-ended', reason, state: controller.state });
  return { state: controller.state, best: bestTrial(controller.state), reason };
}

async function runTrial(
  controller: SweepController,
  trial: { trialId: string; index: number; config: TrialConfig },
  io: { train: TrainFunction; metricName?: string; signal?: AbortSignal; emit: (u: SweepUpdate) => void },
): Promise<void> {
  const abort = new AbortController();
  const stopNow = () => abort.abort(controller.state.reason ?? 'sweep stopped by user');
  io.signal?.addEventListener('abort', stopNow, { once: true });
  let stopReason: string | null = null;
  let warned = false;
  const ctx: TrialContext = {
    trialId: trial.trialId,
    index: trial.index,
    signal: abort.signal,
    linkRun(runId) {
      io.emit({ type: 'run-linked', trialId: trial.trialId, runId, attempt: trialOf(controller, trial.trialId).attempt });
    },
    async reportEpoch(epoch, metrics) {
      if (stopReason) return { stop: true, reason: stopReason };
      const value = io.metricName !== undefined ? metrics[io.metricName] : undefined;
      if (io.metricName !== undefined && typeof value !== 'number' && !warned) {
        warned = true;
        io.emit({ type: 'warning', trialId: trial.trialId, message: `epoch ${epoch} reported ${Object.keys(metrics).join(', ') || 'no metrics'} but not the sweep metric "${io.metricName}": early termination and bayes cannot use this trial until it does` });
      }
      const decision = typeof value === 'number' ? controller.reportMetric(trial.trialId, epoch, value) : { continue: true as const };
      io.emit({ type: 'epoch', trial: trialOf(controller, trial.trialId), epoch, metrics, state: controller.state });
      if ('stop' in decision) {
        stopReason = decision.reason;
        abort.abort(decision.reason);
        return { stop: true, reason: decision.reason };
      }
      return { stop: false };
    },
  };
  try {
    const metric = resultMetric(await io.train(structuredClone(trial.config), ctx));
    controller.finishTrial(trial.trialId, stopReason ? 'stopped' : 'finished', metric);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (abort.signal.aborted) controller.finishTrial(trial.trialId, 'stopped', null, stopReason ?? message);
    else controller.finishTrial(trial.trialId, 'failed', null, message);
  } finally {
    io.signal?.removeEventListener('abort', stopNow);
  }
  io.emit({ type: 'trial-ended', trial: trialOf(controller, trial.trialId), state: controller.state });
}
