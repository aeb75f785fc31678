import type { CellError } from '../kernel/protocol';
import type { RunStatus, StoredRun } from './public-run';
import { RunTracker } from './run-tracker';
import { InterruptedError, type BenchSession } from '../kernel/session';
import { reportWarnings } from './watch/report-warnings';
import { RunHealth } from './watch/run-health';

export interface ManualRunOptions {
  name?: string;
  config?: Record<string, unknown>;
  seed?: number;
  datasetFingerprint?: string;
  tags?: Record<string, string>;
  sweepId?: string;
  trialId?: string;
}

/** A run driven by a hand-written loop, like `wandb.init()` / `mlflow.start_run()`. */
export interface ManualRun {
  /** Resolves with the run id once the run record is stored. */
  readonly ready: Promise<string>;
  /**
   * Logs metrics at `step` (default: one more than the previous call, starting at 0). Throws
   * `Interrupted` after Stop, having saved the run as `stopped`.
   */
  log(metrics: Record<string, number>, step?: number): void;
  /** Ends the run (default 'finished') and waits until everything is stored. */
  finish(status?: Exclude<RunStatus, 'running'>, reason?: string): Promise<StoredRun>;
}

/**
 * `bench.run(config)`: returns at once (as `wandb.init` does); the run record is written in the
 * background and points logged before it exists are kept in order.
 */
export function startManualRun(session: BenchSession, options: ManualRunOptions = {}): ManualRun {
  const tracker = RunTracker.start(session, {
    name: options.name ?? 'run',
    config: options.config ?? {},
    seed: options.seed ?? null,
    datasetFingerprint: options.datasetFingerprint ?? null,
    tags: options.tags,
    sweepId: options.sweepId,
    trialId: options.trialId,
  });
  tracker.catch(() => undefined); // surfaced through `ready`, log and finish
  let nextStep = 0;
  // Hand-written loops are where tensors leak: the count is read once per new step.
  const health = new RunHealth();
  let lastHealthStep = -1;
  let finishing: Promise<StoredRun> | null = null;
  const finish = (status: Exclude<RunStatus, 'running'> = 'finished', reason?: string) =>
    (finishing ??= tracker.then((t) => t.finish(status, reason ?? null)));
  // A cell that throws while this run is open (the one that started it, or one logging to it)
  // ends it as failed with the error, instead of leaving it `running` until it is marked crashed.
  const endWithCell = async (error: CellError) => {
    if (finishing) return;
    const stopped = error.name === 'Interrupted';
    await finish(stopped ? 'stopped' : 'failed', stopped ? 'stopped by user' : `${error.name}: ${error.message}`).catch(() => undefined);
  };
  session.onCellError(endWithCell);

  return {
    ready: tracker.then((t) => t.id),
    log(metrics, step) {
      if (finishing) throw new Error('this run is finished; call bench.run() again for a new one');
      if (session.stopRequested()) {
        void finish('stopped', 'stopped by user');
        throw new InterruptedError('Stopped by user: the run was saved as stopped');
      }
      const at = step ?? nextStep;
      if (!Number.isInteger(at) || at < 0) throw new RangeError(`run.log: step must be an integer ≥ 0, got ${step}`);
      nextStep = at + 1;
      session.onCellError(endWithCell);
      const values = Object.entries(metrics).map(([key, value]) => {
        if (typeof value !== 'number') throw new TypeError(`run.log: metric "${key}" must be a number, got ${typeof value}`);
        return { key, step: at, value };
      });
      const lossKey = 'loss' in metrics ? 'loss' : Object.keys(metrics).find((k) => /loss/.test(k));
      const warnings = at > lastHealthStep ? health.observe(at, { loss: lossKey ? metrics[lossKey] : undefined, numTensors: session.tf.memory().numTensors }) : [];
      lastHealthStep = Math.max(lastHealthStep, at);
      void tracker.then((t) => {
        t.log(values);
        reportWarnings(session, t, warnings);
      });
    },
    finish,
  };
}
