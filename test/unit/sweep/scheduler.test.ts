import { describe, expect, it } from 'vitest';
import { toSweepSpec } from '@/lib/sweep/parse';
import { SweepController, SweepStateError } from '@/lib/sweep/scheduler';
import { sweepStateFromJSON, sweepStateToJSON } from '@/lib/sweep/state-json';

const randomSpec = (extra = '') => toSweepSpec(`method: random\nmetric: {name: acc, goal: maximize}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}\n${extra}`);

function runTrial(c: SweepController, values: number[], final: number | null = null) {
  const t = c.nextTrial();
  if (t.kind !== 'trial') throw new Error(`sweep ended: ${t.reason}`);
  values.forEach((v, i) => c.reportMetric(t.trialId, i + 1, v));
  c.finishTrial(t.trialId, 'finished', final);
  return t.trialId;
}

describe('when a sweep ends', () => {
  it('run_cap: exactly that many trials, then done', () => {
    const c = new SweepController({ spec: randomSpec('run_cap: 5\n'), seed: 1 });
    for (let i = 0; i < 5; i++) runTrial(c, [0.5]);
    expect(c.nextTrial()).toEqual({ kind: 'done', reason: 'run_cap of 5 trials reached' });
    expect(c.state.trials).toHaveLength(5);
    expect(c.state.status).toBe('finished');
  });

  it('user stop: the running trial is told to stop at its next report, nothing new starts, data is kept', () => {
    const c = new SweepController({ spec: randomSpec(), seed: 1 });
    runTrial(c, [0.4, 0.5]);
    const t = c.nextTrial();
    if (t.kind !== 'trial') throw new Error('no trial');
    expect(c.reportMetric(t.trialId, 1, 0.6)).toEqual({ continue: true });
    c.stop();
    expect(c.reportMetric(t.trialId, 2, 0.7)).toEqual({ stop: true, reason: 'sweep stopped by user' });
    expect(c.nextTrial()).toEqual({ kind: 'done', reason: 'sweep stopped by user' });
    const trial = c.state.trials[1];
    expect(trial).toMatchObject({ status: 'stopped', values: [0.6], metric: 0.6, reason: 'sweep stopped by user' });
    // The trial's own agent may still hand in its final metric; it stays stopped.
    expect(c.finishTrial(t.trialId, 'finished', 0.65)).toEqual({ accepted: true });
    expect(c.state.trials[1]).toMatchObject({ status: 'stopped', metric: 0.65 });
    expect(c.state.status).toBe('stopped');
  });

  it('metric.target: no new trial once a trial reaches it (maximize)', () => {
    const c = new SweepController({ spec: toSweepSpec('method: random\nmetric: {name: acc, goal: maximize, target: 0.9}\nparameters:\n  a: {values: [1, 2]}\n'), seed: 0 });
    runTrial(c, [0.5], 0.8);
    runTrial(c, [0.7, 0.95]);
    expect(c.nextTrial()).toEqual({ kind: 'done', reason: 'metric target 0.9 reached' });
  });
});

describe('trial results', () => {
  it('without a final metric, a finished trial keeps its last reported value', () => {
    const c = new SweepController({ spec: randomSpec(), seed: 0 });
    runTrial(c, [0.3, 0.9, 0.8]);
    expect(c.state.trials[0]).toMatchObject({ status: 'finished', metric: 0.8, epochs: [1, 2, 3] });
  });

  it('a failed trial keeps its reason and the sweep goes on', () => {
    const c = new SweepController({ spec: randomSpec('run_cap: 2\n'), seed: 0 });
    const t = c.nextTrial();
    if (t.kind !== 'trial') throw new Error('no trial');
    c.finishTrial(t.trialId, 'failed', null, 'NaN loss at step 40');
    expect(c.state.trials[0]).toMatchObject({ status: 'failed', metric: null, reason: 'NaN loss at step 40' });
    expect(c.nextTrial().kind).toBe('trial');
  });

  it('a repeated epoch (a retried request) changes nothing', () => {
    const c = new SweepController({ spec: randomSpec(), seed: 0 });
    const t = c.nextTrial();
    if (t.kind !== 'trial') throw new Error('no trial');
    c.reportMetric(t.trialId, 1, 0.5);
    const before = JSON.stringify(c.state);
    expect(c.reportMetric(t.trialId, 1, 0.5)).toEqual({ continue: true });
    expect(JSON.stringify(c.state)).toBe(before);
  });

  it('an unknown trial id is a protocol error', () => {
    const c = new SweepController({ spec: randomSpec(), seed: 0 });
    expect(() => c.reportMetric('trial-9', 1, 0)).toThrow(SweepStateError);
  });

  it('the state round-trips through JSON at every step, NaN and Infinity included', () => {
    const c = new SweepController({ spec: randomSpec('run_cap: 3\n'), seed: 0 });
    runTrial(c, [0.1, NaN]);
    runTrial(c, [0.2], -Infinity);
    const text = JSON.stringify(sweepStateToJSON(c.state));
    const restored = sweepStateFromJSON(JSON.parse(text));
    expect(restored).toEqual(c.state);
    expect(restored.trials[0].values[1]).toBeNaN();
    expect(restored.trials[1].metric).toBe(-Infinity);
    const resumed = new SweepController({ state: restored });
    expect(resumed.nextTrial()).toEqual(c.nextTrial());
  });

  it('a corrupted stored state is rejected with the field named', () => {
    const c = new SweepController({ spec: randomSpec(), seed: 0 });
    runTrial(c, [0.1]);
    const json = sweepStateToJSON(c.state) as unknown as { trials: { status: string }[] };
    json.trials[0].status = 'done';
    expect(() => sweepStateFromJSON(json)).toThrow(/trials.*status|status/);
  });
});
