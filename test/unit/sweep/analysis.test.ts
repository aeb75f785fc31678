import { describe, expect, it } from 'vitest';
import { bestSoFarCurve, bestTrial, parameterImportance, pearson, ranks, spearman } from '@/lib/sweep/analysis';
import { toSweepSpec } from '@/lib/sweep/parse';
import { SweepController } from '@/lib/sweep/scheduler';
import type { TrialConfig } from '@/lib/sweep/space';

function sweepOf(source: string, objective: (c: TrialConfig) => number, seed = 0) {
  const c = new SweepController({ spec: toSweepSpec(source), seed });
  for (let t = c.nextTrial(); t.kind === 'trial'; t = c.nextTrial()) c.finishTrial(t.trialId, 'finished', objective(t.config));
  return c.state;
}

describe('best-so-far', () => {
  it('is monotone in the goal direction and names the trial that set it', () => {
    const values = [0.5, 0.7, 0.6, 0.9, 0.8];
    let i = 0;
    const state = sweepOf('method: random\nmetric: {name: acc, goal: maximize}\nrun_cap: 5\nparameters:\n  a: {min: 0, max: 9}\n', () => values[i++]);
    expect(bestSoFarCurve(state).map((p) => [p.best, p.bestTrialId])).toEqual([
      [0.5, 'trial-1'], [0.7, 'trial-2'], [0.7, 'trial-2'], [0.9, 'trial-4'], [0.9, 'trial-4'],
    ]);
    expect(bestTrial(state)).toMatchObject({ trialId: 'trial-4', metric: 0.9 });
  });
});

describe('correlation', () => {
  it('pearson and spearman on known data', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(ranks([10, 30, 20, 20])).toEqual([0, 3, 1.5, 1.5]);
    // Monotone but not linear: Spearman sees a perfect relation, Pearson less so.
    const x = [1, 2, 3, 4, 5, 6];
    const y = x.map((v) => Math.exp(v));
    expect(spearman(x, y)).toBeCloseTo(1, 12);
    expect(pearson(x, y)!).toBeLessThan(0.95);
  });
});

describe('parameter importance', () => {
  const source = `
method: random
metric: {name: loss}
run_cap: 80
parameters:
  lr: {distribution: log_uniform_values, min: 0.000001, max: 1}
  noise: {min: 0.0, max: 1.0}
  opt: {values: [sgd, adam, rmsprop]}
  fixed: {value: 3}
`;
  // A U-shaped effect of log10(lr) around 1e-3 plus a penalty for sgd; `noise` does nothing.
  const objective = (c: TrialConfig) => (Math.log10(c.lr as number) + 3) ** 2 + (c.opt === 'sgd' ? 3 : 0);
  const state = sweepOf(source, objective, 4);
  const importance = parameterImportance(state);
  const of = (f: string) => importance.find((r) => r.feature === f)!;

  it('ranks what matters first and what does not last, with one-hot categoricals', () => {
    expect(importance.map((r) => r.feature).sort()).toEqual(['lr', 'noise', 'opt=adam', 'opt=rmsprop', 'opt=sgd']);
    expect(importance[0].feature).toBe('lr');
    expect(of('opt=sgd').importance).toBeGreaterThan(of('noise').importance);
    expect(of('noise').importance).toBeLessThan(0.05);
    expect(importance.reduce((s, r) => s + r.importance, 0)).toBeCloseTo(1, 9);
  });

  it('correlation misses the U-shaped lr effect that the forest finds, and sees the sgd penalty', () => {
    expect(Math.abs(of('lr').pearson!)).toBeLessThan(0.4);
    expect(of('opt=sgd').pearson!).toBeGreaterThan(0.4);
    expect(of('opt=sgd').spearman!).toBeGreaterThan(0.4);
  });

  it('is deterministic for a state', () => {
    expect(parameterImportance(state)).toEqual(importance);
  });
});
