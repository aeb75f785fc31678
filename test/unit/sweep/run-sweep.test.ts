import { describe, expect, it } from 'vitest';
import { runSweep, type SweepUpdate, type TrainFunction } from '@/lib/sweep/run-sweep';

/** A fake training run: loss decays toward a floor set by the learning rate (best at lr = 0.01). */
const curve = (lr: number, epoch: number) => 0.2 + Math.abs(Math.log10(lr) + 2) + 1 / epoch;

const train = (epochs: number, log: string[] = []): TrainFunction => async (config, ctx) => {
  let loss = NaN;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    loss = curve(config.lr as number, epoch);
    const answer = await ctx.reportEpoch(epoch, { loss, acc: 1 - loss / 10 });
    log.push(`${ctx.trialId}:${epoch}`);
    if (answer.stop) {
      expect(ctx.signal.aborted).toBe(true);
      break;
    }
  }
  return { metric: loss };
};

const SPEC = `
method: random
metric: {name: loss, goal: minimize}
run_cap: 12
parameters:
  lr: {distribution: log_uniform_values, min: 0.0001, max: 1}
`;

describe('runSweep', () => {
  it('runs run_cap trials, returns the best, and stops poor trials with Hyperband', async () => {
    const plain = await runSweep({ spec: SPEC, seed: 2, train: train(9) });
    const log: string[] = [];
    const banded = await runSweep({ spec: SPEC + 'early_terminate: {type: hyperband, min_iter: 1, eta: 3}\n', seed: 2, train: train(9, log) });
    expect(plain.state.trials).toHaveLength(12);
    expect(plain.reason).toBe('run_cap of 12 trials reached');
    expect(plain.state.trials.every((t) => t.status === 'finished')).toBe(true);
    const stopped = banded.state.trials.filter((t) => t.status === 'stopped');
    expect(stopped.length).toBeGreaterThan(3);
    expect(stopped.every((t) => t.reason?.startsWith('hyperband: loss'))).toBe(true);
    expect(log.length).toBeLessThan(12 * 9 * 0.7);
    // Same seed, same configs: Hyperband kept the best trial.
    expect(banded.best).toEqual(plain.best);
    expect(banded.best!.config.lr).toBeGreaterThan(0.001);
  });

  it('a trial that throws is failed with its message; the sweep goes on', async () => {
    const result = await runSweep({
      spec: { method: 'grid', metric: { name: 'loss' }, parameters: { k: { values: [1, 2, 3] } } },
      train: async (config) => {
        if (config.k === 2) throw new Error('out of memory');
        return config.k as number;
      },
    });
    expect(result.state.trials.map((t) => [t.status, t.metric, t.reason])).toEqual([
      ['finished', 1, null], ['failed', null, 'out of memory'], ['finished', 3, null],
    ]);
    expect(result.reason).toBe('grid done: all 3 combinations tried');
    expect(result.best).toMatchObject({ trialId: 'trial-1', metric: 1 });
  });

  it('the user stop aborts the running trial and starts nothing after it', async () => {
    const user = new AbortController();
    const started: string[] = [];
    const result = await runSweep({
      spec: SPEC,
      signal: user.signal,
      train: async (_config, ctx) => {
        started.push(ctx.trialId);
        for (let epoch = 1; epoch <= 5; epoch++) {
          if (ctx.trialId === 'trial-2' && epoch === 3) user.abort();
          const answer = await ctx.reportEpoch(epoch, { loss: 1 / epoch });
          if (answer.stop) {
            expect(answer.reason).toBe('sweep stopped by user');
            expect(ctx.signal.aborted).toBe(true);
            return;
          }
        }
      },
    });
    expect(started).toEqual(['trial-1', 'trial-2']);
    expect(result.reason).toBe('sweep stopped by user');
    expect(result.state.trials.map((t) => t.status)).toEqual(['finished', 'stopped']);
    expect(result.state.trials[1].values).toEqual([1, 0.5]);
  });

  it('count limits one call; resume continues the same sweep', async () => {
    const first = await runSweep({ spec: SPEC, seed: 5, count: 4, train: train(2) });
    expect(first.state.trials).toHaveLength(4);
    expect(first.reason).toBe('count of 4 trial(s) reached');
    const rest = await runSweep({ spec: SPEC, resume: first.state, train: train(2) });
    const whole = await runSweep({ spec: SPEC, seed: 5, train: train(2) });
    expect(rest.state.trials.map((t) => t.config)).toEqual(whole.state.trials.map((t) => t.config));
  });

  it('emits updates in order, and a bad spec throws before anything runs', async () => {
    const types: string[] = [];
    await runSweep({ spec: { method: 'grid', metric: { name: 'loss' }, parameters: { k: { value: 1 } } }, train: train(2), onUpdate: (u: SweepUpdate) => types.push(u.type) });
    expect(types).toEqual(['trial-started', 'epoch', 'epoch', 'trial-ended', 'sweep-ended']);
    const warnings: string[] = [];
    await runSweep({
      spec: { method: 'grid', metric: { name: 'val_loss' }, parameters: { k: { value: 1 } } },
      train: train(3),
      onUpdate: (u) => { if (u.type === 'warning') warnings.push(u.message); },
    });
    expect(warnings).toEqual(['epoch 1 reported loss, acc but not the sweep metric "val_loss": early termination and bayes cannot use this trial until it does']);
    await expect(runSweep({ spec: 'method: grid\nparameters:\n  lr: {min: 0.1, max: 1.0}\n', train: train(1) })).rejects.toThrow(/line 3: parameters\.lr\.distribution: grid search needs discrete values/);
  });
});
