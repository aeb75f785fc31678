import type { BenchSession } from '../../kernel/session';
import type { TrainFunction, TrainResult, TrialContext } from '../../sweep/run-sweep';
import type { TrialConfig } from '../../sweep/space';
import type { EpochLogs, TrainOptions } from '../train-options';
import type { TrialFunction } from './types';

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

/** Wraps the user's function: sets the trial scope, and turns the kernel's Stop into the sweep's. */
export function trialRunner(session: BenchSession, sweepId: string, fn: TrialFunction, stopAll: () => void): TrainFunction {
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
