import { describe, expect, it } from 'vitest';
import { InterruptedError } from '@/lib/kernel/session';
import { benchSessions, smallModel, type TestSession } from './node-session';

const setup = benchSessions();

/** Metric history without timing-dependent keys, for exact comparison. */
async function deterministicMetrics(session: TestSession, runId: string) {
  const points = await session.runStore.getMetrics(runId);
  return points.filter((p) => !p.key.startsWith('perf/') && !p.key.startsWith('memory/')).map((p) => [p.key, p.step, p.value]);
}

describe('bench.train on the cpu backend', () => {
  it('records a finished run with per-batch and per-epoch metrics, env, code, fingerprint and checkpoints', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.spirals({ n: 120, seed: 3 });
    const result = await bench.train({ name: 'spiral-test', model: smallModel(), data, epochs: 3, batchSize: 32, seed: 5, checkpointEvery: 1, config: { hidden: 8 } });
    expect(result.status).toBe('finished');
    expect(result.epochsCompleted).toBe(3);
    const run = await session.runStore.getRun(result.runId);
    expect(run).toMatchObject({
      name: 'spiral-test', status: 'finished', projectId: 'default', notebookId: 'nb-test', owner: 'tester', source: 'browser',
      env: { backend: 'cpu', tfjsVersion: expect.any(String), seed: 5, browser: expect.stringMatching(/^node/) },
      config: { hidden: 8, optimizer: 'adam', learningRate: 0.001, loss: 'binaryCrossentropy', epochs: 3, batchSize: 32, seed: 5, trainSize: 96, validationSize: 24 },
      datasetFingerprint: data.fingerprint,
    });
    expect(run!.code?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run!.env.memory?.numTensors).toBeGreaterThan(0);
    expect(run!.finishedAt).not.toBeNull();
    const keys = await session.runStore.metricKeys(result.runId);
    expect(keys.sort()).toEqual([
      'batch/accuracy', 'batch/loss', 'lr', 'memory/num_bytes', 'memory/num_tensors', 'perf/samples_per_s', 'perf/step_ms',
      'train/accuracy', 'train/loss', 'val/accuracy', 'val/loss',
    ]);
    expect(await session.runStore.getMetrics(result.runId, 'batch/loss')).toHaveLength(3 * Math.ceil(96 / 32));
    expect((await session.runStore.getMetrics(result.runId, 'val/loss')).map((p) => p.step)).toEqual([1, 2, 3]);
    expect(run!.summary['train/loss'].count).toBe(3);
    const artifacts = await session.runStore.listArtifacts(result.runId);
    expect(artifacts.map((a) => a.name)).toEqual(['checkpoint-epoch-1', 'checkpoint-epoch-2', 'checkpoint-final']);
    expect(await session.runStore.outboxCount(result.runId)).toBeGreaterThan(3);
    const types = new Set(session.events.map((e) => e.type));
    for (const t of ['run-started', 'progress', 'metrics', 'run-finished', 'output']) expect(types.has(t as never)).toBe(true);
  });

  it('repeats exactly with the same seed (weights, dropout, shuffling) and differs with another', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.circles({ n: 100, seed: 1 });
    const model = smallModel();
    const a = await bench.train({ model, data, epochs: 2, batchSize: 25, seed: 11 });
    const b = await bench.train({ model, data, epochs: 2, batchSize: 25, seed: 11 });
    const c = await bench.train({ model: smallModel(), data, epochs: 2, batchSize: 25, seed: 12 });
    const [ma, mb, mc] = await Promise.all([a, b, c].map((r) => deterministicMetrics(session, r.runId)));
    expect(ma.length).toBeGreaterThan(10);
    expect(mb).toEqual(ma);
    expect(mc).not.toEqual(ma);
    // No tensors pile up from run to run (the previous run's optimizer state is released).
    const tensors = async (id: string) => (await session.runStore.getRun(id))!.env.memory!.numTensors;
    expect(await tensors(b.runId)).toBe(await tensors(a.runId));
  });

  it('Stop ends the run as stopped, keeps its data and a checkpoint, and interrupts the cell', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.xor({ n: 200, seed: 2 });
    let batches = 0;
    session.stopWhen(() => ++batches > 9);
    const error = await bench.train({ name: 'to-stop', model: smallModel(), data, epochs: 50, batchSize: 16, seed: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    const [run] = await session.runStore.listRuns();
    expect(run.status).toBe('stopped');
    expect(run.statusReason).toMatch(/stopped by user at epoch 1, batch 9/);
    expect(await session.runStore.getMetrics(run.id, 'batch/loss')).toHaveLength(9);
    // Stopped within the first epoch: no epoch completed, so no checkpoint either.
    expect(await session.runStore.listArtifacts(run.id)).toHaveLength(0);
    expect(session.events.some((e) => e.type === 'run-finished' && e.status === 'stopped')).toBe(true);
  });

  it('bench.load returns the checkpointed model with the trained weights', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.gaussians({ n: 80, seed: 4 });
    const result = await bench.train({ model: smallModel(), data, epochs: 2, batchSize: 20, seed: 9 });
    const loaded = await bench.load(result.runId);
    const probe = session.tf.tensor2d([[0.5, -1], [2, 2]]);
    const expected = Array.from(await (result.model.predict(probe) as import('@tensorflow/tfjs').Tensor).data());
    const actual = Array.from(await (loaded.predict(probe) as import('@tensorflow/tfjs').Tensor).data());
    expect(actual).toEqual(expected);
    await expect(bench.load('nope')).rejects.toThrow(/no run "nope"/);
  });

  it('emits a decision-boundary frame per epoch for 2-D data, and calls onEpochEnd with the logs', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.spirals({ n: 500, seed: 1 });
    const seen: number[] = [];
    await bench.train({ model: smallModel(), data, epochs: 2, batchSize: 100, seed: 1, boundary: true, onEpochEnd: (epoch, logs) => void seen.push(epoch, logs['val/loss']) });
    const frames = session.events.flatMap((e) => (e.type === 'boundary' ? [e.frame] : []));
    expect(frames).toHaveLength(2);
    expect(frames[0].grid).toHaveLength(40 * 40);
    expect(frames[0].extent).toEqual([-6, 6, -6, 6]);
    expect(frames[0].points).toHaveLength(300);
    expect(frames[0].grid.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(seen[0]).toBe(1);
    expect(seen[1]).toBeGreaterThan(0);
  });

  it('fails fast on bad options, before creating a run', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.spirals({ n: 40 });
    await expect(bench.train({ model: smallModel(), data, epochs: 0 })).rejects.toThrow(/epochs must be an integer ≥ 1/);
    await expect(bench.train({ model: smallModel(), data, optimizer: 'adamw' })).rejects.toThrow(/unknown optimizer "adamw"/);
    await expect(bench.train({ model: {} as never, data })).rejects.toThrow(/must be a tf.LayersModel/);
    expect(await session.runStore.listRuns()).toHaveLength(0);
  });

  it('a training error fails the run with the reason and rethrows', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.spirals({ n: 40 });
    const wrong = session.tf.sequential({ layers: [session.tf.layers.dense({ inputShape: [3], units: 1 })] });
    await expect(bench.train({ model: wrong, data, epochs: 1 })).rejects.toThrow();
    const [run] = await session.runStore.listRuns();
    expect(run.status).toBe('failed');
    expect(run.statusReason).toMatch(/shape|Error/i);
  });

  it('early stopping ends a finished run with the reason', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.spirals({ n: 60, seed: 1 });
    const result = await bench.train({ model: smallModel(), data, epochs: 30, batchSize: 48, seed: 1, learningRate: 1e-9, earlyStopping: { patience: 2, minDelta: 1e-3 } });
    expect(result.status).toBe('finished');
    expect(result.epochsCompleted).toBe(3);
    expect(result.statusReason).toMatch(/early stopping at epoch 3: val\/loss/);
    expect((await session.runStore.getRun(result.runId))?.statusReason).toBe(result.statusReason);
  });
});

describe('bench.run and bench.param', () => {
  it('logs a hand-written loop with auto-incrementing steps and finishes', async () => {
    const { session, bench } = await setup();
    const run = bench.run({ name: 'manual', config: { lr: 0.1 } });
    for (let i = 0; i < 5; i++) run.log({ loss: 1 / (i + 1) });
    run.log({ loss: Number.NaN }, 10);
    const final = await run.finish();
    expect(final).toMatchObject({ status: 'finished', config: { lr: 0.1 } });
    const points = await session.runStore.getMetrics(await run.ready, 'loss');
    expect(points.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 10]);
    expect(points[5].value).toBeNaN();
    expect(final.summary.loss).toMatchObject({ min: 0.2, max: 1, count: 6, step: 10 });
    expect(() => run.log({ loss: 1 })).toThrow(/finished/);
  });

  it('run.log after Stop saves the run as stopped and interrupts', async () => {
    const { session, bench } = await setup();
    const run = bench.run({ name: 'manual-stop' });
    run.log({ loss: 1 });
    session.stopWhen(() => true);
    expect(() => run.log({ loss: 0.5 })).toThrow(InterruptedError);
    const id = await run.ready;
    await run.finish();
    expect((await session.runStore.getRun(id))?.status).toBe('stopped');
  });

  it('param reads overrides with the default type, and rejects a non-number', async () => {
    const { bench } = await setup({ epochs: '2', name: 'x', bad: 'abc' });
    expect(bench.param('epochs', 5)).toBe(2);
    expect(bench.param('missing', 5)).toBe(5);
    expect(bench.param('name', 'default')).toBe('x');
    expect(() => bench.param('bad', 1)).toThrow(/"abc" is not a number/);
  });
});
