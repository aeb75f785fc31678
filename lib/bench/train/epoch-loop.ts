import type * as tfType from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../../data/rng';
import type { BenchSession } from '../../kernel/session';
import type { RunStatus } from '../../track/schemas';
import type { StepAxes } from '../../track/step-axis';
import { boundaryFrame } from '../boundary';
import { EarlyStopper } from '../early-stopping';
import type { MetricValue, RunTracker } from '../run-tracker';
import type { EpochLogs, ResolvedTrainOptions, TrainOptions } from '../train-options';
import { createYielder } from '../yield';
import { BatchReadback, computesOnDispatch, readGroupFor, type SettledBatch } from './batch-readback';
import { epochLogs } from './epoch-logs';
import { saveCheckpoint } from './run-checkpoint';
import { StepInstruments } from './step-instruments';
import { makeTrainFunction, type TrainFunction } from './train-function';

/**
 * What the steps of the metrics logged below count: `batch/*` and `perf/step_ms` are logged per
 * batch (step = batches trained so far), everything else once per epoch (step = epoch).
 */
export const TRAIN_STEP_AXES: StepAxes = { 'batch/*': 'batch', 'perf/step_ms': 'batch', '*': 'epoch' };

export type LoopOutcome = { status: Exclude<RunStatus, 'running'>; reason: string | null };

interface LoopContext {
  session: BenchSession;
  tracker: RunTracker;
  model: tfType.LayersModel;
  opts: ResolvedTrainOptions;
  options: TrainOptions;
  trainFunction: TrainFunction;
  instruments: StepInstruments;
  shuffleRng: () => number;
  maybeYield: () => Promise<void>;
  readGroup: number;
  runStart: number;
  batchesPerEpoch: number;
  /** Steps (batches) trained so far over all epochs. */
  step: number;
}

/** The epochs of bench.train: each trains its batches, then logs, checkpoints and asks whether to stop. */
export async function epochLoop(session: BenchSession, tracker: RunTracker, model: tfType.LayersModel, opts: ResolvedTrainOptions, history: EpochLogs[], options: TrainOptions): Promise<LoopOutcome> {
  const ctx: LoopContext = {
    session, tracker, model, opts, options,
    trainFunction: makeTrainFunction(model),
    instruments: new StepInstruments(session, tracker, model),
    shuffleRng: createRng(opts.seed),
    maybeYield: createYielder(),
    readGroup: readGroupFor(session.tf.getBackend()),
    runStart: performance.now(),
    batchesPerEpoch: Math.ceil(opts.train.x.shape[0] / opts.batchSize),
    step: 0,
  };
  const stopper = opts.earlyStopping ? new EarlyStopper(opts.earlyStopping) : null;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const trained = await trainEpoch(ctx, epoch);
    if ('status' in trained) return trained;
    tracker.log(Object.entries(trained.logs).map(([key, value]): MetricValue => ({ key, step: epoch, value })));
    history.push(trained.logs);
    const stop = await afterEpoch(ctx, epoch, trained.logs);
    if (stop) return stop;
    if (stopper?.update(trained.logs)) return { status: 'finished', reason: stopper.reason(epoch) };
  }
  return { status: 'finished', reason: null };
}

/** Trains one epoch's batches in a seeded shuffled order; a Stop ends it as a stopped outcome. */
async function trainEpoch(ctx: LoopContext, epoch: number): Promise<{ logs: EpochLogs } | LoopOutcome> {
  const { session, opts } = ctx;
  const { tf } = session;
  const { train, batchSize } = opts;
  const n = train.x.shape[0];
  const epochStart = performance.now();
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, ctx.shuffleRng);
  const orderTensor = tf.tensor1d(order, 'int32');
  const sums = new Array<number>(opts.metrics.length + 1).fill(0);
  let seen = 0;
  const readback = new BatchReadback(tf, ctx.readGroup, (group, now) => {
    for (const done of group) {
      done.values.forEach((v, i) => (sums[i] += v * done.size));
      seen += done.size;
    }
    logBatches(ctx, group);
    reportProgress(ctx, { epoch, last: group[group.length - 1], now, samplesPerSec: seen / ((now - epochStart) / 1000) });
  }, epochStart, computesOnDispatch(tf.getBackend()));
  try {
    for (let batch = 0; batch < ctx.batchesPerEpoch; batch++) {
      if (session.stopRequested()) {
        await readback.flush();
        return { status: 'stopped', reason: `stopped by user at epoch ${epoch}, batch ${batch}` };
      }
      const size = Math.min(batchSize, n - batch * batchSize);
      const gatherBatch = (): [tfType.Tensor, tfType.Tensor] => tf.tidy(() => {
        const idx = orderTensor.slice(batch * batchSize, size);
        return [tf.gather(train.x, idx), tf.gather(train.y, idx)];
      });
      await ctx.instruments.beforeStep(ctx.step, gatherBatch);
      const outs = tf.tidy(() => {
        const result = ctx.trainFunction(gatherBatch());
        result.forEach((t) => tf.keep(t));
        return result;
      });
      await readback.push({ outs, step: ctx.step++, batch, size, dispatchedAt: performance.now() });
      ctx.instruments.afterStep(ctx.step - 1);
      await ctx.maybeYield();
    }
    await readback.flush();
  } finally {
    orderTensor.dispose();
    readback.dispose();
  }
  const samplesPerSec = seen / ((performance.now() - epochStart) / 1000);
  return { logs: await epochLogs(tf, ctx.model, opts, sums.map((s) => s / seen), samplesPerSec) };
}

function logBatches(ctx: LoopContext, group: SettledBatch[]): void {
  const { metrics } = ctx.opts;
  for (const done of group) {
    ctx.instruments.loss(done.step, done.values[0]);
    ctx.tracker.log([
      { key: 'batch/loss', step: done.step, value: done.values[0] },
      ...metrics.map((m, i) => ({ key: `batch/${m}`, step: done.step, value: done.values[i + 1] })),
      { key: 'perf/step_ms', step: done.step, value: done.stepMs },
    ]);
  }
}

function reportProgress(ctx: LoopContext, at: { epoch: number; last: SettledBatch; now: number; samplesPerSec: number }): void {
  const { epochs } = ctx.opts;
  const { batchesPerEpoch, tracker } = ctx;
  const completed = (at.epoch - 1) * batchesPerEpoch + at.last.batch + 1;
  ctx.session.emit({
    type: 'progress',
    cellId: tracker.cellId,
    progress: {
      runId: tracker.id, epoch: at.epoch, epochs, batch: at.last.batch + 1, batchesPerEpoch,
      etaMs: ((at.now - ctx.runStart) / completed) * (epochs * batchesPerEpoch - completed),
      samplesPerSec: at.samplesPerSec,
    },
  });
}

/** Boundary frame, the user's onEpochEnd, periodic checkpoint; returns an outcome to stop. */
async function afterEpoch(ctx: LoopContext, epoch: number, logs: EpochLogs): Promise<LoopOutcome | null> {
  const { session, tracker, model, opts, options } = ctx;
  const { train } = opts;
  if (options.boundary && train.x.shape[1] === 2 && train.x.rank === 2) {
    const frame = await boundaryFrame(session.tf, { runId: tracker.id, model, data: train, extent: opts.info.extent ?? 6 });
    session.emit({ type: 'boundary', cellId: tracker.cellId, frame });
  }
  const verdict = await options.onEpochEnd?.(epoch, logs, { runId: tracker.id });
  if (verdict?.stop) return { status: 'stopped', reason: verdict.reason ?? `stopped by onEpochEnd after epoch ${epoch}` };
  if (opts.checkpointEvery > 0 && epoch % opts.checkpointEvery === 0 && epoch < opts.epochs) {
    await saveCheckpoint(session, tracker, model, epoch, false);
  }
  return null;
}
