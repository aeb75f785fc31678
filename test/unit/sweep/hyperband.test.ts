import { describe, expect, it } from 'vitest';
import { decideHyperband, hyperbandBrackets, type MetricCurve } from '@/lib/sweep/hyperband';
import { toSweepSpec } from '@/lib/sweep/parse';
import { createSweepState, leaseTrial, reportMetric, type SweepState } from '@/lib/sweep/scheduler';
import type { HyperbandSpec, MetricSpec } from '@/lib/sweep/spec';

const hb = (o: Partial<HyperbandSpec>): HyperbandSpec => ({ type: 'hyperband', eta: 3, strict: false, ...o });

describe('brackets', () => {
  it('follow the W&B docs: min_iter 3 → 3, 9, 27, 81…; max_iter 27 with s 2 → 9 and 3', () => {
    expect(hyperbandBrackets(hb({ min_iter: 3 })).slice(0, 4)).toEqual([3, 9, 27, 81]);
    expect(hyperbandBrackets(hb({ max_iter: 27, s: 2 }))).toEqual([3, 9]);
    expect(hyperbandBrackets(hb({ max_iter: 81, s: 3 }))).toEqual([3, 9, 27]);
    expect(hyperbandBrackets(hb({ max_iter: 10, s: 2 }))).toEqual([1, 3]);
    expect(hyperbandBrackets(hb({ min_iter: 2, eta: 2.5 })).slice(0, 4)).toEqual([2, 5, 12, 31]);
  });
});

const loss: MetricSpec = { name: 'loss', goal: 'minimize' };
const curve = (trialId: string, values: number[]): MetricCurve => ({ trialId, values, epochs: values.map((_, i) => i + 1) });

describe('decisions on a constructed sweep (brackets 2 and 4, eta 2)', () => {
  const spec = hb({ min_iter: 2, eta: 2 });
  const a = curve('A', [1.0, 0.8, 0.6, 0.5]);
  const b = curve('B', [1.0, 0.9, 0.85, 0.84]);
  const c = curve('C', [1.2, 1.1]);
  const d = curve('D', [0.9, 0.7, 0.65, 0.6]);
  const decide = (trial: MetricCurve, others: MetricCurve[], o: Partial<{ spec: HyperbandSpec; metric: MetricSpec }> = {}) =>
    decideHyperband({ spec: o.spec ?? spec, metric: o.metric ?? loss, trial, trials: [...others, trial] });

  it('never stops before the first bracket, nor the first trial to reach one', () => {
    expect(decide(curve('C', [5]), [a, b])).toEqual({ stop: false, bracket: null });
    expect(decide(a, [])).toEqual({ stop: false, bracket: 4 });
  });

  it('keeps trials at the threshold and stops the one below the top 1/eta, with the reason', () => {
    expect(decide(curve('B', b.values.slice(0, 2)), [a]).stop).toBe(false);
    expect(decide(b, [a]).stop).toBe(false);
    const stopC = decide(c, [a, b]);
    expect(stopC).toMatchObject({ stop: true, bracket: 2, threshold: 0.9 });
    if (stopC.stop) expect(stopC.reason).toBe('hyperband: loss 1.1 at epoch 2 is not in the top 1/2 of 3 trials at bracket 2 (threshold 0.9, goal minimize)');
    expect(decide(curve('D', d.values.slice(0, 2)), [a, b, c]).stop).toBe(false);
    expect(decide(d, [a, b, c])).toEqual({ stop: false, bracket: 4 });
  });

  it('compares the best value up to the bracket, so one noisy epoch does not decide', () => {
    expect(decide(curve('E', [0.7, 5.0]), [a, b, c]).stop).toBe(false);
  });

  it('strict mode keeps exactly the top ⌈n/eta⌉', () => {
    const strict = hb({ min_iter: 2, eta: 2, strict: true });
    expect(decide(curve('B', b.values.slice(0, 2)), [a], { spec: strict })).toMatchObject({ stop: true, threshold: 0.8 });
    expect(decide(d, [a, b, c], { spec: strict })).toMatchObject({ stop: false });
  });

  it('maximize goals flip the comparison', () => {
    const acc: MetricSpec = { name: 'acc', goal: 'maximize' };
    const neg = (m: MetricCurve) => curve(m.trialId, m.values.map((v) => -v));
    const stop = decide(neg(c), [neg(a), neg(b)], { metric: acc });
    expect(stop).toMatchObject({ stop: true, threshold: -0.9 });
    if (stop.stop) expect(stop.reason).toContain('acc -1.1 at epoch 2');
    expect(decide(neg(d), [neg(a), neg(b), neg(c)], { metric: acc }).stop).toBe(false);
  });

  it('a diverged trial (NaN) is stopped at its bracket', () => {
    expect(decide(curve('N', [NaN, NaN]), [a, b]).stop).toBe(true);
  });
});

describe('asynchronous: decided at every reported epoch, across agents', () => {
  it('a trial that passed its bracket is stopped later when better trials reach that bracket', () => {
    const spec = toSweepSpec('method: random\nmetric: {name: loss}\nparameters:\n  x: {values: [1]}\nearly_terminate: {type: hyperband, min_iter: 2, eta: 2}\n');
    let state: SweepState = createSweepState({ spec, seed: 0 });
    const lease = (agent: string) => {
      const r = leaseTrial(state, agent, 0, 60_000);
      state = r.state;
      if (r.result.kind !== 'trial') throw new Error('no trial');
      return r.result.trialId;
    };
    const report = (trialId: string, agentId: string, epoch: number, value: number) => {
      const r = reportMetric(state, { trialId, agentId, epoch, value });
      state = r.state;
      return r.result;
    };
    const [a, b, e1, e2] = ['a', 'b', 'e1', 'e2'].map((agent) => ({ agent, id: lease(agent) }));
    [1.0, 0.8, 0.6, 0.5].forEach((v, i) => expect(report(a.id, a.agent, i + 1, v)).toEqual({ continue: true }));
    expect(report(b.id, b.agent, 1, 1.0)).toEqual({ continue: true });
    expect(report(b.id, b.agent, 2, 0.9)).toEqual({ continue: true });
    for (const [t, v] of [[e1, 0.5], [e2, 0.6]] as const) {
      report(t.id, t.agent, 1, v);
      report(t.id, t.agent, 2, v);
    }
    const late = report(b.id, b.agent, 3, 0.85);
    expect(late).toEqual({ stop: true, reason: 'hyperband: loss 0.9 at epoch 2 is not in the top 1/2 of 4 trials at bracket 2 (threshold 0.8, goal minimize)' });
    const trialB = state.trials.find((t) => t.id === b.id)!;
    expect(trialB).toMatchObject({ status: 'stopped', metric: 0.85, values: [1.0, 0.9, 0.85] });
    // The stopped trial's next report is refused with the same reason.
    expect(report(b.id, b.agent, 4, 0.8)).toEqual({ stop: true, reason: trialB.reason });
  });
});
