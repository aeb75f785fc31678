import { describe, expect, it } from 'vitest';
import { BENCHMARK_FUNCTIONS } from '@/lib/sweep/benchmark-functions';
import { toSweepSpec } from '@/lib/sweep/parse';
import { gridSampler } from '@/lib/sweep/samplers/grid';
import { createTpeSampler } from '@/lib/sweep/samplers/tpe';
import { SweepController } from '@/lib/sweep/scheduler';
import { buildSearchSpace, type TrialConfig } from '@/lib/sweep/space';
import type { SweepSpec } from '@/lib/sweep/spec';

/** Runs a whole sweep against `objective` and returns the configs in trial order. */
function sweep(spec: SweepSpec, seed: number, objective: (c: TrialConfig) => number): TrialConfig[] {
  const c = new SweepController({ spec, seed });
  const configs: TrialConfig[] = [];
  for (let t = c.nextTrial(); t.kind === 'trial'; t = c.nextTrial()) {
    configs.push(t.config);
    c.finishTrial(t.trialId, 'finished', objective(t.config));
  }
  return configs;
}

describe('grid', () => {
  it('enumerates every combination in a documented order: listed order, last parameter fastest, nested depth first', () => {
    const spec = toSweepSpec(`
method: grid
parameters:
  a: {values: [x, y]}
  opt:
    parameters:
      n: {min: 1, max: 3}
      fixed: {value: 7}
  q: {distribution: q_uniform, min: 0.1, max: 0.5, q: 0.2}
`);
    const configs = sweep(spec, 0, () => 0);
    const flat = configs.map((c) => `${c.a}${(c.opt as { n: number }).n}:${c.q}`);
    expect(flat).toEqual([
      'x1:0.2', 'x1:0.4', 'x2:0.2', 'x2:0.4', 'x3:0.2', 'x3:0.4',
      'y1:0.2', 'y1:0.4', 'y2:0.2', 'y2:0.4', 'y3:0.2', 'y3:0.4',
    ]);
    expect(configs.every((c) => (c.opt as { fixed: number }).fixed === 7)).toBe(true);
  });

  it('ends when every combination was tried, whatever the seed', () => {
    const spec = toSweepSpec('method: grid\nparameters:\n  a: {values: [1, 2, 3]}\n  b: {values: [true, false]}\n');
    const c = new SweepController({ spec, seed: 5 });
    const seen = new Set<string>();
    for (let t = c.nextTrial(); t.kind === 'trial'; t = c.nextTrial()) {
      seen.add(JSON.stringify(t.config));
      c.finishTrial(t.trialId, 'finished', 1);
    }
    expect(seen.size).toBe(6);
    expect(c.nextTrial()).toEqual({ kind: 'done', reason: 'grid done: all 6 combinations tried' });
    expect(c.state.status).toBe('finished');
    expect(sweep(spec, 99, () => 0)).toEqual([...seen].map((s) => JSON.parse(s)));
  });

  it('int_uniform is inclusive and q_uniform keeps the multiples of q inside [min, max]', () => {
    const space = buildSearchSpace(toSweepSpec('method: grid\nparameters:\n  n: {min: -1, max: 1}\n  q: {distribution: q_uniform, min: 0, max: 1, q: 0.25}\n').parameters);
    expect(gridSampler.capacity(space)).toBe(15);
    expect(gridSampler.suggest({ space, seed: 0, index: 14, observations: [] })).toEqual({ n: 1, q: 1 });
    expect(() => gridSampler.suggest({ space, seed: 0, index: 15, observations: [] })).toThrow(/past the end/);
  });
});

describe('seeds repeat exactly', () => {
  const spec = toSweepSpec(`
method: bayes
metric: {name: loss}
parameters:
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  layers: {min: 1, max: 4}
  act: {values: [relu, tanh, gelu]}
  opt:
    parameters:
      momentum: {distribution: beta, a: 2, b: 2}
      kind: {values: [{name: adam}, {name: sgd, nesterov: true}]}
`);
  const objective = (c: TrialConfig) => Math.abs(Math.log10(c.lr as number) + 2.5) + (c.layers as number) * 0.1 + (c.act === 'tanh' ? 0 : 0.5);

  for (const method of ['random', 'bayes'] as const) {
    it(`${method}: same seed → same trials; another seed → different trials`, () => {
      const s = { ...spec, method };
      const a = sweep({ ...s, run_cap: 25 }, 3, objective);
      expect(sweep({ ...s, run_cap: 25 }, 3, objective)).toEqual(a);
      expect(sweep({ ...s, run_cap: 25 }, 4, objective)).not.toEqual(a);
    });
  }

  it('a sweep saved as JSON and resumed suggests exactly what the uninterrupted one would', () => {
    const capped = { ...spec, run_cap: 20 };
    const whole = sweep(capped, 8, objective);
    const first = new SweepController({ spec: capped, seed: 8 });
    for (let i = 0; i < 12; i++) {
      const t = first.nextTrial();
      if (t.kind !== 'trial') throw new Error('ended early');
      first.finishTrial(t.trialId, 'finished', objective(t.config));
    }
    const resumed = new SweepController({ state: JSON.parse(JSON.stringify(first.state)) });
    const rest: TrialConfig[] = [];
    for (let t = resumed.nextTrial(); t.kind === 'trial'; t = resumed.nextTrial()) {
      rest.push(t.config);
      resumed.finishTrial(t.trialId, 'finished', objective(t.config));
    }
    expect([...first.state.trials.map((t) => t.config), ...rest]).toEqual(whole);
  });
});

describe('bayes (TPE)', () => {
  it('finds lower Branin values than random search with the same budget', () => {
    const branin = BENCHMARK_FUNCTIONS.find((f) => f.name === 'branin')!;
    const parameters = { x1: { distribution: 'uniform', min: -5, max: 10 }, x2: { distribution: 'uniform', min: 0, max: 15 } };
    const best = (method: 'random' | 'bayes', seed: number) =>
      Math.min(...sweep(toSweepSpec({ method, metric: { name: 'y' }, run_cap: 40, parameters }), seed, (c) => branin.f(c as Record<string, number>)).map((c) => branin.f(c as Record<string, number>)));
    // Medians over 8 seeds: one unlucky seed must not decide (bench/sweep.ts measures means over 20).
    const median = (m: 'random' | 'bayes') => {
      const regrets = [0, 1, 2, 3, 4, 5, 6, 7].map((seed) => best(m, seed) - branin.minimum).sort((a, b) => a - b);
      return (regrets[3] + regrets[4]) / 2;
    };
    expect(median('bayes')).toBeLessThan(median('random') * 0.5);
  });

  it('models categorical, integer, log-scale and nested parameters: it learns where the good region is', () => {
    const spec = toSweepSpec(`
method: bayes
metric: {name: acc, goal: maximize}
run_cap: 60
parameters:
  opt: {values: [sgd, adam, rmsprop, adagrad]}
  model:
    parameters:
      depth: {min: 1, max: 8}
      lr: {distribution: log_uniform_values, min: 0.00001, max: 1}
`);
    const acc = (c: TrialConfig) => {
      const m = c.model as { depth: number; lr: number };
      return (c.opt === 'adam' ? 1 : 0) + (m.depth === 6 ? 1 : 0) - Math.abs(Math.log10(m.lr) + 3) / 5;
    };
    const configs = sweep(spec, 1, acc);
    const late = configs.slice(30);
    for (const c of configs) {
      const m = c.model as { depth: number; lr: number };
      expect(['sgd', 'adam', 'rmsprop', 'adagrad']).toContain(c.opt);
      expect(Number.isInteger(m.depth) && m.depth >= 1 && m.depth <= 8).toBe(true);
      expect(m.lr).toBeGreaterThanOrEqual(1e-5);
      expect(m.lr).toBeLessThanOrEqual(1);
    }
    // Random search would pick adam 25% and depth 6 12.5% of the time.
    expect(late.filter((c) => c.opt === 'adam').length / late.length).toBeGreaterThan(0.5);
    expect(late.filter((c) => (c.model as { depth: number }).depth === 6).length / late.length).toBeGreaterThan(0.3);
  });

  it('starts with random trials, then uses the model', () => {
    const spec = toSweepSpec({ method: 'bayes', metric: { name: 'y' }, parameters: { x: { distribution: 'uniform', min: 0, max: 1 } } });
    const space = buildSearchSpace(spec.parameters);
    const tpe = createTpeSampler({ startupTrials: 3 });
    const observations = [0.1, 0.5, 0.9].map((x) => ({ config: { x }, loss: Math.abs(x - 0.1) }));
    const draws = Array.from({ length: 40 }, (_, index) => tpe.suggest({ space, seed: 0, index, observations }).x as number);
    // Every suggestion concentrates near the best observation (x = 0.1).
    expect(draws.filter((x) => x < 0.35).length).toBeGreaterThan(30);
  });
});
