import type * as tfType from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../data/rng';
import { wasmCanTrain } from '../kernel/wasm-conv2d-grad';
import type { Run, RunStatus } from '../track/schemas';
import { boundaryFrame } from './boundary';
import { modelToBytes } from './checkpoint';
import { EarlyStopper } from './early-stopping';
import { readLearningRate, resolveOptimizer } from './optimizers';
import { RunTracker, type MetricValue } from './run-tracker';
import { reinitializeWeights, withSeededMathRandom } from './seeding';
import { InterruptedError, type BenchSession } from '../kernel/session';
import { resolveTrainOptions, type EpochLogs, type ResolvedTrainOptions, type TrainOptions } from './train-options';
import { createYielder } from './yield';

export interface TrainResult {
  runId: string;
  status: RunStatus;
  statusReason: string | null;
  /** last/min/max per metric key. */
  summary: Run['summary'];
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

type TrainFunction = (data: tfType.Tensor[]) => tfType.Scalar[];

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

/**
 * tfjs's wasm backend lacks some convolution gradients (see lib/kernel/wasm-conv2d-grad.ts):
 * models it cannot train run on cpu instead, and the run records and says so.
 */
async function pickTrainingBackend(session: BenchSession, model: tfType.LayersModel, current: string): Promise<string> {
  if (current !== 'wasm') return current;
  const verdict = wasmCanTrain(session.tf, model);
  if (verdict.ok) return current;
  const message = `wasm cannot train this model (${verdict.reason}): this run trains on cpu.`;
  session.emit({ type: 'log', level: 'warn', message });
  session.emit({ type: 'output', cellId: session.currentCell().cellId, output: { type: 'text', stream: 'stderr', text: `${message}\n` } });
  if (!(await session.tf.setBackend('cpu'))) throw new Error('cannot switch to the cpu backend to train this model');
  return 'cpu';
}

/**
 * How many batches' losses are read back together (see the loop in epochLoop). Measured with
 * `npm run bench:train`: on webgl (SwiftShader) groups of 8 took the tracking overhead ratio from
 * 0.85 to 0.97; on webgpu groups of 8 measured 0.88 against 0.98 one batch at a time.
 */
const readGroupFor = (backend: string) => (backend === 'webgl' ? 8 : 1);
const READ_EVERY_MS = 250;

async function epochLoop(
  session: BenchSession,
  tracker: RunTracker,
  model: tfType.LayersModel,
  opts: ResolvedTrainOptions,
  history: EpochLogs[],
  options: TrainOptions,
): Promise<{ status: Exclude<RunStatus, 'running'>; reason: string | null }> {
  const { tf } = session;
  const { train, batchSize, epochs, metrics } = opts;
  const n = train.x.shape[0];
  const batchesPerEpoch = Math.ceil(n / batchSize);
  // makeTrainFunction is what model.fit runs per batch; calling it directly lets us own the loop.
  // A tf.Sequential compiles and trains an inner LayersModel (`.model`), so that is the one to use.
  const inner = (model as unknown as { model?: unknown }).model;
  const compiled = (inner && typeof inner === 'object' && 'makeTrainFunction' in inner ? inner : model) as unknown as { makeTrainFunction(): TrainFunction };
  const trainFunction = compiled.makeTrainFunction();
  const shuffleRng = createRng(opts.seed);
  const maybeYield = createYielder();
  const stopper = opts.earlyStopping ? new EarlyStopper(opts.earlyStopping) : null;
  const runStart = performance.now();
  const readGroup = readGroupFor(tf.getBackend());
  let step = 0;

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const epochStart = performance.now();
    const order = Int32Array.from({ length: n }, (_, i) => i);
    shuffleInPlace(order, shuffleRng);
    const orderTensor = tf.tensor1d(order, 'int32');
    const sums = new Array<number>(metrics.length + 1).fill(0);
    let seen = 0;
    let lastSettled = epochStart;
    // Per-batch losses stay on the device and are read while the next batch is already queued
    // (reading each at once would stall GPU backends once per batch; model.fit does not read per
    // batch either). On webgl a readback costs a pipeline flush, so there they are read in groups
    // (see readGroupFor). A group is also read once 250 ms old, so the live chart stays current.
    type Pending = { outs: tfType.Tensor[]; step: number; batch: number; size: number };
    let pending: Pending[] = [];
    let groupStarted = performance.now();
    /** Reads every pending batch but the newest `keep` (those stay queued on the device). */
    const flush = async (keep = 0) => {
      if (pending.length <= keep) return;
      const group = pending.slice(0, pending.length - keep);
      pending = pending.slice(pending.length - keep);
      const stacked = tf.tidy(() => tf.concat(group.flatMap((g) => g.outs.map((t) => t.reshape([1])))));
      let flat: Float32Array | Int32Array | Uint8Array;
      try {
        flat = await stacked.data();
      } finally {
        stacked.dispose();
        group.forEach((g) => tf.dispose(g.outs));
      }
      const now = performance.now();
      const width = metrics.length + 1;
      const stepMs = (now - lastSettled) / group.length;
      lastSettled = now;
      group.forEach((done, gi) => {
        const values = Array.from(flat.subarray(gi * width, (gi + 1) * width));
        values.forEach((v, i) => (sums[i] += v * done.size));
        seen += done.size;
        tracker.log([
          { key: 'batch/loss', step: done.step, value: values[0] },
          ...metrics.map((m, i) => ({ key: `batch/${m}`, step: done.step, value: values[i + 1] })),
          { key: 'perf/step_ms', step: done.step, value: stepMs },
        ]);
      });
      const last = group[group.length - 1];
      const completed = (epoch - 1) * batchesPerEpoch + last.batch + 1;
      session.emit({
        type: 'progress',
        cellId: tracker.cellId,
        progress: {
          runId: tracker.id, epoch, epochs, batch: last.batch + 1, batchesPerEpoch,
          etaMs: ((now - runStart) / completed) * (epochs * batchesPerEpoch - completed),
          samplesPerSec: seen / ((now - epochStart) / 1000),
        },
      });
    };
    try {
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        if (session.stopRequested()) {
          await flush();
          return { status: 'stopped', reason: `stopped by user at epoch ${epoch}, batch ${batch}` };
        }
        const size = Math.min(batchSize, n - batch * batchSize);
        const outs = tf.tidy(() => {
          const idx = orderTensor.slice(batch * batchSize, size);
          const result = trainFunction([tf.gather(train.x, idx), tf.gather(train.y, idx)]);
          result.forEach((t) => tf.keep(t));
          return result;
        });
        pending.push({ outs, step: step++, batch, size });
        if (pending.length >= readGroup + 1 || performance.now() - groupStarted > READ_EVERY_MS) {
          await flush(1);
          groupStarted = performance.now();
        }
        await maybeYield();
      }
      await flush();
    } finally {
      orderTensor.dispose();
      pending.forEach((g) => tf.dispose(g.outs));
    }
    const logs = await epochLogs(session, model, opts, sums.map((s) => s / seen), seen / ((performance.now() - epochStart) / 1000));
    tracker.log(Object.entries(logs).map(([key, value]): MetricValue => ({ key, step: epoch, value })));
    history.push(logs);
    if (options.boundary && train.x.shape[1] === 2 && train.x.rank === 2) {
      const frame = await boundaryFrame(tf, { runId: tracker.id, model, data: train, extent: opts.info.extent ?? 6 });
      session.emit({ type: 'boundary', cellId: tracker.cellId, frame });
    }
    const verdict = await options.onEpochEnd?.(epoch, logs, { runId: tracker.id });
    if (verdict?.stop) return { status: 'stopped', reason: verdict.reason ?? `stopped by onEpochEnd after epoch ${epoch}` };
    if (opts.checkpointEvery > 0 && epoch % opts.checkpointEvery === 0 && epoch < epochs) {
      await saveCheckpoint(session, tracker, model, epoch, false);
    }
    if (stopper?.update(logs)) return { status: 'finished', reason: stopper.reason(epoch) };
  }
  return { status: 'finished', reason: null };
}

async function epochLogs(session: BenchSession, model: tfType.LayersModel, opts: ResolvedTrainOptions, means: number[], samplesPerSec: number): Promise<EpochLogs> {
  const { tf } = session;
  const logs: EpochLogs = { 'train/loss': means[0] };
  opts.metrics.forEach((m, i) => (logs[`train/${m}`] = means[i + 1]));
  if (opts.validation) {
    const result = model.evaluate(opts.validation.x, opts.validation.y, { batchSize: Math.max(opts.batchSize, 256) });
    const scalars = Array.isArray(result) ? result : [result];
    const values = await Promise.all(scalars.map(async (s) => (await s.data())[0]));
    tf.dispose(scalars);
    logs['val/loss'] = values[0];
    opts.metrics.forEach((m, i) => (logs[`val/${m}`] = values[i + 1]));
  }
  const lr = readLearningRate(model.optimizer);
  if (lr !== null) logs.lr = lr;
  logs['perf/samples_per_s'] = samplesPerSec;
  const memory = tf.memory();
  logs['memory/num_tensors'] = memory.numTensors;
  logs['memory/num_bytes'] = memory.numBytes;
  return logs;
}

async function saveCheckpoint(session: BenchSession, tracker: RunTracker, model: tfType.LayersModel, epoch: number, final: boolean): Promise<void> {
  const bytes = await modelToBytes(session.tf, model);
  await tracker.saveArtifact({ name: final ? 'checkpoint-final' : `checkpoint-epoch-${epoch}`, kind: 'checkpoint', bytes, meta: { epoch, final } });
}
