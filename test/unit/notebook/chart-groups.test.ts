import { describe, expect, it } from 'vitest';
import { groupLiveCharts, isSystemKey } from '@/components/notebook/live/chart-groups';
import { TRAIN_STEP_AXES } from '@/lib/bench/train/epoch-loop';
import { stepAxisOf } from '@/lib/track/step-axis';

describe('live chart groups', () => {
  it('charts the batch loss alone and pairs each epoch metric with its validation twin (bench.train keys)', () => {
    const keys = ['batch/loss', 'batch/accuracy', 'perf/step_ms', 'train/loss', 'train/accuracy', 'val/loss', 'val/accuracy', 'lr', 'perf/samples_per_s', 'memory/num_tensors'];
    expect(groupLiveCharts(keys, TRAIN_STEP_AXES)).toEqual([
      { title: 'loss per batch', xLabel: 'batch', keys: [{ key: 'batch/loss', validation: false }] },
      { title: 'loss per epoch', xLabel: 'epoch', keys: [{ key: 'train/loss', validation: false }, { key: 'val/loss', validation: true }] },
      { title: 'accuracy per epoch', xLabel: 'epoch', keys: [{ key: 'train/accuracy', validation: false }, { key: 'val/accuracy', validation: true }] },
    ]);
  });

  it('keeps hand-logged keys (bench.run) on a step axis, one chart each', () => {
    expect(groupLiveCharts(['reward', 'loss'])).toEqual([
      { title: 'loss per step', xLabel: 'step', keys: [{ key: 'loss', validation: false }] },
      { title: 'reward per step', xLabel: 'step', keys: [{ key: 'reward', validation: false }] },
    ]);
  });

  it('a hand-written run logging train/ and val/ keys per step is titled per step, not per epoch', () => {
    expect(groupLiveCharts(['train/loss', 'val/loss', 'train/acc'])).toEqual([
      { title: 'loss per step', xLabel: 'step', keys: [{ key: 'train/loss', validation: false }, { key: 'val/loss', validation: true }] },
      { title: 'acc per step', xLabel: 'step', keys: [{ key: 'train/acc', validation: false }] },
    ]);
  });

  it('the run’s recorded axes decide; twins logged against different x get separate charts', () => {
    const axes = { 'train/*': 'step', 'val/*': 'epoch' } as const;
    expect(groupLiveCharts(['train/loss', 'val/loss'], axes)).toEqual([
      { title: 'loss per epoch', xLabel: 'epoch', keys: [{ key: 'val/loss', validation: true }] },
      { title: 'loss per step', xLabel: 'step', keys: [{ key: 'train/loss', validation: false }] },
    ]);
    expect(stepAxisOf('batch/loss', TRAIN_STEP_AXES)).toBe('batch');
    expect(stepAxisOf('perf/step_ms', TRAIN_STEP_AXES)).toBe('batch');
    expect(stepAxisOf('lr', TRAIN_STEP_AXES)).toBe('epoch');
    expect(stepAxisOf('anything', {})).toBe('step');
  });

  it('recognises system figures', () => {
    expect(['perf/samples_per_s', 'perf/step_ms', 'lr', 'memory/num_bytes'].every(isSystemKey)).toBe(true);
    expect(['loss', 'val/loss', 'batch/loss'].some(isSystemKey)).toBe(false);
  });
});
