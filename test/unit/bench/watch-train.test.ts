import { describe, expect, it } from 'vitest';
import { BASIS_POINTS } from '@/lib/bench/watch/watch-keys';
import { WARNING_KEYS } from '@/lib/bench/watch/run-health';
import { benchSessions, smallModel } from './node-session';

const setup = benchSessions();

describe('bench.watch', () => {
  it('a watched model logs weight and gradient percentiles and activation stats every N steps, as run metrics', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.spirals({ n: 200, seed: 1 });
    const model = smallModel(8);
    bench.watch(model, { every: 3 });
    const result = await bench.train({ model, data, epochs: 2, batchSize: 32, seed: 1 }); // 5 batches × 2 = 10 steps
    const points = await session.runStore.getMetrics(result.runId);
    const keys = new Set(points.map((p) => p.key));
    const weightNames = model.trainableWeights.map((w) => w.originalName);
    expect(weightNames).toHaveLength(4);
    for (const name of weightNames) {
      for (const kind of ['w', 'g']) for (const bp of BASIS_POINTS) expect(keys.has(`watch/${kind}/${name}/p${bp}`)).toBe(true);
    }
    // Steps 0, 3, 6, 9 of 10.
    const kernel = points.filter((p) => p.key === `watch/w/${weightNames[0]}/p50`).map((p) => p.step);
    expect(kernel).toEqual([0, 3, 6, 9]);
    // Percentiles are ordered, and gradients are not all zero (the loss reached the weights).
    const atStep = (kind: string, step: number) => BASIS_POINTS.map((bp) => points.find((p) => p.key === `watch/${kind}/${weightNames[0]}/p${bp}` && p.step === step)!.value);
    const w0 = atStep('w', 0);
    expect([...w0].sort((a, b) => a - b)).toEqual(w0);
    expect(atStep('g', 3).some((v) => v !== 0)).toBe(true);
    // Activation stats per layer; the dropout layer's output holds exact zeros only in training, so its zero fraction is a number.
    const zero = points.find((p) => p.key === `watch/a/${model.layers[0].name}/zero`);
    expect(zero?.value).toBeGreaterThanOrEqual(0);
    // Watch data stays out of the run's summary-driven charts but is in the summary like any metric.
    expect(result.summary['val/accuracy']).toBeDefined();
    // Nothing leaked by watching: the count after training equals a repeat run's.
    const before = session.tf.memory().numTensors;
    await bench.train({ model, data, epochs: 1, batchSize: 32, seed: 1 });
    expect(session.tf.memory().numTensors).toBe(before);
  });

  it('an unwatched model logs no watch data; unwatch stops it', async () => {
    const { session, bench } = await setup();
    const data = await bench.datasets.xor({ n: 64, seed: 2 });
    const model = smallModel(4);
    bench.watch(model, { every: 1 }).unwatch();
    const result = await bench.train({ model, data, epochs: 1, batchSize: 32, seed: 1 });
    expect((await session.runStore.getMetrics(result.runId)).some((p) => p.key.startsWith('watch/'))).toBe(false);
    expect(() => bench.watch(model, { every: 0 })).toThrow(/every must be a positive integer, got 0/);
  });
});

describe('run health in the browser', () => {
  it('a hand-written loop that leaks a tensor per step gets a tensor_leak warning with the count, stored on the run', async () => {
    const { session, bench } = await setup();
    const run = bench.run({ name: 'leaky' });
    const kept = [];
    for (let step = 0; step < 25; step++) {
      kept.push(session.tf.scalar(step)); // the leak: never disposed
      run.log({ loss: 1 / (step + 1) });
    }
    const stored = await run.finish();
    session.tf.dispose(kept);
    const warnings = (await session.runStore.getMetrics(stored.id, WARNING_KEYS.tensorLeak));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ step: 20, value: 20 });
    expect(session.events.some((e) => e.type === 'output' && e.output.type === 'text' && /tensor leak: .*\+20 tensors/.test(e.output.text))).toBe(true);
  });

  it('the same loop without the leak gets no warning; a NaN loss in bench.train does', async () => {
    const { session, bench } = await setup();
    const run = bench.run({ name: 'clean' });
    for (let step = 0; step < 25; step++) {
      session.tf.tidy(() => {
        session.tf.scalar(step).square(); // made and freed inside the step
      });
      run.log({ loss: 1 / (step + 1) });
    }
    const stored = await run.finish();
    expect(Object.keys(stored.summary).filter((k) => k.startsWith('warn/'))).toEqual([]);

    const data = await bench.datasets.xor({ n: 64, seed: 3 });
    const nanData = { train: { x: session.tf.fill([data.train.x.shape[0], 2], NaN), y: data.train.y }, validation: data.validation };
    const result = await bench.train({ model: smallModel(4), data: nanData, epochs: 1, batchSize: 32, seed: 1 });
    expect(result.summary[WARNING_KEYS.nonFiniteLoss]).toMatchObject({ count: 1 });
    nanData.train.x.dispose();
  });
});
