import type * as tfType from '@tensorflow/tfjs';
import { InterruptedError, type BenchSession } from '../kernel/session';
import type { MetricSummary, RunStatus } from './public-run';
import { resolveOptimizer } from './optimizers';
import { RunTracker } from './run-tracker';
import { reinitializeWeights, withSeededMathRandom } from './seeding';
import { TRAIN_STEP_AXES, epochLoop } from './train/epoch-loop';
import { saveCheckpoint } from './train/run-checkpoint';
import { pickTrainingBackend } from './train/training-backend';
import { resolveTrainOptions } from './train/resolve-options';
import type { EpochLogs, TrainOptions } from './train-options';

export interface TrainResult {
  runId: string;
  status: RunStatus;
  statusReason: string | null;
  /** last/min/max per metric key. */
  summary: Record<string, MetricSummary>;
  epochsCompleted: number;
  /** One entry per completed epoch. */
  history: EpochLogs[];
  /** The backend the run trained on (cpu when the kernel's wasm cannot train a conv net). */
  backend: string;
  model: tfType.LayersModel;
}

/** Models returned by bench.load: trained further from their weights unless told otherwise. */
export const loadedModels = new WeakSet<object>();

/**
 * The optimizer bench.train created for a model's last run. It stays attached to the model (so
 * model.fit still works afterwards) and is disposed when the next run replaces it, so its slot
 * variables (Adam's moments) do not pile up run after run.
 */
const ownedOptimizers = new WeakMap<object, tfType.Optimizer>();

/**
 * `bench.train`: a manual batch loop (so Stop acts within a batch and events stay throttled)
 * that records the run as it goes. Stop ends the run as `stopped` with its data and a final
 * checkpoint, then interrupts the cell.
 */
export async function train(session: BenchSession, options: TrainOptions): Promise<TrainResult> {
  const { tf } = session;
  const opts = resolveTrainOptions(options, () => crypto.getRandomValues(new Uint32Array(1))[0] >>> 1);
  const model = options.model;
  const kernelBackend = tf.getBackend();
  const backend = await pickTrainingBackend(session, model, kernelBackend);
  const optimizer = resolveOptimizer(tf, options.optimizer ?? 'adam', options.learningRate);
  const initialWeights = options.initialWeights ?? (loadedModels.has(model) ? 'keep' : 'seeded');
  const config = {
    ...options.config,
    optimizer: optimizer.name,
    learningRate: optimizer.learningRate,
    loss: opts.loss,
    metrics: opts.metrics,
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    seed: opts.seed,
    initialWeights,
    trainSize: opts.train.x.shape[0],
    validationSize: opts.validation?.x.shape[0] ?? 0,
    parameters: model.countParams(),
  };
  const tracker = await RunTracker.start(session, {
    name: opts.name,
    config,
    seed: opts.seed,
    datasetFingerprint: opts.fingerprint,
    backend,
    stepAxes: TRAIN_STEP_AXES,
    tags: options.tags,
    sweepId: options.sweepId,
    trialId: options.trialId,
  });
  const history: EpochLogs[] = [];
  let outcome: { status: Exclude<RunStatus, 'running'>; reason: string | null };
  let failure: unknown = null;
  try {
    outcome = await withSeededMathRandom(opts.seed, async () => {
      if (initialWeights === 'seeded') await reinitializeWeights(tf, model);
      model.compile({ optimizer: optimizer.optimizer, loss: opts.loss, metrics: opts.metrics });
      const previous = ownedOptimizers.get(model);
      if (previous && previous !== optimizer.optimizer) previous.dispose();
      if (typeof options.optimizer !== 'object') ownedOptimizers.set(model, optimizer.optimizer);
      return epochLoop(session, tracker, model, opts, history, options);
    });
  } catch (error) {
    outcome = { status: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    failure = error;
  } finally {
    if (backend !== kernelBackend) await tf.setBackend(kernelBackend);
  }
  const { status, reason } = outcome;
  if (status !== 'failed' && history.length > 0) {
    await saveCheckpoint(session, tracker, model, history.length, true).catch((error) => {
      session.emit({ type: 'log', level: 'warn', message: `run ${tracker.id}: final checkpoint failed: ${String(error)}` });
    });
  }
  const memory = tf.memory() as unknown as Record<string, unknown>;
  const finalRun = await tracker.finish(status, reason, {
    env: { ...tracker.record.env, memory: Object.fromEntries(Object.entries(memory).filter((e): e is [string, number] => typeof e[1] === 'number')) },
  });
  if (failure) throw failure;
  if (status === 'stopped' && session.stopRequested()) throw new InterruptedError(`Stopped by user: run "${opts.name}" saved as stopped after ${history.length} epoch(s)`);
  return { runId: tracker.id, status, statusReason: reason, summary: finalRun.summary, epochsCompleted: history.length, history, backend, model };
}
