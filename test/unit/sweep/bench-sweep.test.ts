import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { InterruptedError } from '@/lib/kernel/session';
import { SweepRecordSchema } from '@/lib/sweep/api';
import { openIdbSweepStore } from '@/lib/sweep/idb-sweeps';
import { benchSessions } from '../bench/node-session';

/**
 * bench.sweep in a Node kernel session (cpu backend, fake-indexeddb): runs linked to trials,
 * Hyperband ending a real training run as `stopped` with its reason, the IndexedDB record the
 * sweep page reads, clear spec errors, and both ways to stop (kernel Stop, the page's request).
 */

const setup = benchSessions();

const model = (units: number) =>
  tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });

/** A grid where the second learning rate barely moves the weights: Hyperband must stop it at epoch 1. */
const HYPERBAND_GRID = `
method: grid
metric:
  name: val_loss   # Keras/W&B spelling: matches bench.train's val/loss
  goal: minimize
early_terminate: {type: hyperband, min_iter: 1, eta: 2, strict: true}
parameters:
  lr:
    values: [0.05, 0.00001]
  units: {value: 8}
`;

describe('bench.sweep (local)', () => {
  it('links each trial’s bench.train run to the sweep and lets Hyperband stop a run with its reason', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.gaussians({ n: 160, seed: 2 });
    const result = await bench.sweep(HYPERBAND_GRID, (config) =>
      bench.train({ model: model(config.units as number), data, learningRate: config.lr as number, epochs: 4, batchSize: 16, seed: 1 }),
    );
    expect(result).toMatchObject({ reason: 'grid done: all 2 combinations tried', trials: 2, best: { trialId: 'trial-1', config: { lr: 0.05, units: 8 } } });
    expect(result.url).toBe(`/sweeps/${result.sweepId}`);

    const runs = (await session.runStore.listRuns({})).filter((r) => r.sweepId === result.sweepId).sort((a, b) => a.createdAt - b.createdAt);
    expect(runs.map((r) => [r.trialId, r.status, r.config.lr, r.config.units, r.name])).toEqual([
      ['trial-1', 'finished', 0.05, 8, 'trial-1'],
      ['trial-2', 'stopped', 0.00001, 8, 'trial-2'],
    ]);
    expect(runs[1].statusReason).toMatch(/^hyperband: val_loss [\d.]+ at epoch 1 is not in the top 1\/2 of 2 trials/);
    expect(runs[1].summary['val/loss'].count).toBe(1); // stopped right after epoch 1, data kept
    expect(runs[0].summary['val/loss'].count).toBe(4);

    const store = await openIdbSweepStore();
    const record = SweepRecordSchema.parse(await store.getSweep(result.sweepId));
    store.close();
    expect(record).toMatchObject({ origin: 'local', status: 'finished', reason: 'grid done: all 2 combinations tried', specSource: HYPERBAND_GRID, projectId: 'default' });
    expect(record.state.trials.map((t) => t.status)).toEqual(['finished', 'stopped']);
    expect(record.state.trials[1].reason).toBe(runs[1].statusReason);
    expect(record.runs.map((l) => [l.trialId, l.runId])).toEqual([['trial-1', runs[0].id], ['trial-2', runs[1].id]]);
    expect(record.state.trials[0].metric).toBeCloseTo(runs[0].summary['val/loss'].last, 10);
    const text = session.events.flatMap((e) => (e.type === 'output' && e.output.type === 'text' ? [e.output.text] : []));
    expect(text.some((t) => t.startsWith('trial-2 stopped · val_loss'))).toBe(true);
  });

  it('marks a sweep that ended on count as finished (nothing will continue it)', async () => {
    const { bench } = await setup();
    const result = await bench.sweep('method: random\nparameters:\n  x: {min: 0.0, max: 1.0}\n', async (config) => config.x as number, { count: 3, seed: 4 });
    expect(result).toMatchObject({ reason: 'count of 3 trial(s) reached', trials: 3 });
    const store = await openIdbSweepStore();
    const record = SweepRecordSchema.parse(await store.getSweep(result.sweepId));
    store.close();
    expect(record).toMatchObject({ status: 'finished', reason: 'count of 3 trial(s) reached' });
    expect(record.state.trials.map((t) => t.status)).toEqual(['finished', 'finished', 'finished']);
    expect(record.state.trials.map((t) => t.metric)).toEqual(record.state.trials.map((t) => t.config.x));
  });

  it('names the line and field of a bad spec, and refuses a missing training function', async () => {
    const { bench } = await setup();
    await expect(bench.sweep('method: random\nparameters:\n  lr: {min: 0.1, max: 0.01, distribution: uniform}\n', async () => 1, { count: 1 })).rejects.toThrow(
      /^bench\.sweep: invalid sweep config:\n {2}line 3: parameters\.lr/,
    );
    await expect(bench.sweep('method: grid\nparameters: {k: {values: [1]}}', undefined as never)).rejects.toThrow(/the second argument must be the training function/);
  });

  it('ends on the kernel’s Stop: the running trial’s run is stopped, the sweep is stopped, the cell is interrupted', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.circles({ n: 200, seed: 1 });
    let epochs = 0;
    session.stopWhen(() => epochs >= 3);
    const run = bench.sweep('method: random\nmetric: {name: val/loss}\nparameters:\n  lr: {values: [0.01, 0.02]}\n', (config) =>
      bench.train({ model: model(4), data, learningRate: config.lr as number, epochs: 5, batchSize: 8, seed: 3, onEpochEnd: () => void epochs++ }), { count: 5 });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    await expect(run).rejects.toThrow(/sweep lsw-\w+ ended after 1 trial/);
    const store = await openIdbSweepStore();
    const records = (await store.listSweeps()).map((r) => SweepRecordSchema.parse(r));
    store.close();
    const record = records.find((r) => r.state.trials.length === 1 && r.status === 'stopped')!;
    expect(record).toMatchObject({ status: 'stopped', reason: 'sweep stopped by user' });
    expect(record.state.trials[0]).toMatchObject({ status: 'stopped' });
    const runs = (await session.runStore.listRuns({})).filter((r) => r.sweepId === record.id);
    expect(runs.map((r) => r.status)).toEqual(['stopped']);
  });

  it('ends when the sweep page asks (a stop request in IndexedDB), between epochs', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.xor({ n: 100, seed: 1 });
    const store = await openIdbSweepStore();
    let sweepId = '';
    const result = await bench.sweep('method: random\nmetric: {name: val/loss}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}\n', async (config, trial) => {
      sweepId = (await store.listSweeps())[0].id;
      if (trial.index === 1) await store.requestStop(sweepId, 'stopped from the sweep page');
      const r = await bench.train({ model: model(4), data, learningRate: config.lr as number, epochs: trial.index === 0 ? 3 : 60, batchSize: 4, seed: 1 });
      return r.summary['val/loss'].last;
    }, { count: 10 });
    store.close();
    expect(result.reason).toBe('stopped from the sweep page');
    expect(result.trials).toBe(2);
    const saved = await (async () => {
      const st = await openIdbSweepStore();
      const r = SweepRecordSchema.parse(await st.getSweep(sweepId));
      st.close();
      return r;
    })();
    expect(saved).toMatchObject({ status: 'stopped', reason: 'stopped from the sweep page' });
    const runs = (await session.runStore.listRuns({})).filter((r) => r.sweepId === sweepId).sort((a, b) => a.createdAt - b.createdAt);
    expect(runs.map((r) => r.status)).toEqual(['finished', 'stopped']);
    expect(runs[1].statusReason).toBe('stopped from the sweep page');
  });
});
