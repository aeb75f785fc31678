import { describe, expect, it } from 'vitest';
import { toSweepSpec } from '@/lib/sweep/parse';
import { sweepProgress } from '@/lib/sweep/progress';
import { SweepController } from '@/lib/sweep/scheduler';

const controller = (source: string) => new SweepController({ spec: toSweepSpec(source), seed: 0 });

describe('sweep progress', () => {
  it('counts ended and active trials against run_cap while running, and what was made once over', () => {
    const c = controller('method: random\nrun_cap: 4\nparameters:\n  a: {min: 0.0, max: 1.0}\n');
    expect(sweepProgress(c.state)).toEqual({ done: 0, active: 0, total: 4 });
    const first = c.nextTrial();
    const second = c.nextTrial();
    if (first.kind !== 'trial' || second.kind !== 'trial') throw new Error('expected trials');
    c.finishTrial(first.trialId, 'finished', 0.5);
    expect(sweepProgress(c.state)).toEqual({ done: 1, active: 1, total: 4 });
    c.finishTrial(second.trialId, 'failed', null, 'boom');
    for (let t = c.nextTrial(); t.kind === 'trial'; t = c.nextTrial()) c.finishTrial(t.trialId, 'finished', 0.1);
    expect(c.state.status).toBe('finished');
    expect(sweepProgress(c.state)).toEqual({ done: 4, active: 0, total: 4 });
  });

  it('takes the grid size when it is smaller than run_cap, and has no total for an unbounded random sweep', () => {
    expect(sweepProgress(controller('method: grid\nrun_cap: 10\nparameters:\n  k: {values: [1, 2, 3]}\n').state).total).toBe(3);
    expect(sweepProgress(controller('method: random\nparameters:\n  a: {min: 0.0, max: 1.0}\n').state).total).toBeNull();
  });
});
