import { describe, expect, it } from 'vitest';
import { groupLiveCharts, isSystemKey } from '@/components/notebook/live/chart-groups';

describe('live chart groups', () => {
  it('charts the batch loss alone and pairs each epoch metric with its validation twin (bench.train keys)', () => {
    const keys = ['batch/loss', 'batch/accuracy', 'perf/step_ms', 'train/loss', 'train/accuracy', 'val/loss', 'val/accuracy', 'lr', 'perf/samples_per_s', 'memory/num_tensors'];
    expect(groupLiveCharts(keys)).toEqual([
      { title: 'loss per batch', xLabel: 'batch', keys: [{ key: 'batch/loss', validation: false }] },
      { title: 'loss per epoch', xLabel: 'epoch', keys: [{ key: 'train/loss', validation: false }, { key: 'val/loss', validation: true }] },
      { title: 'accuracy per epoch', xLabel: 'epoch', keys: [{ key: 'train/accuracy', validation: false }, { key: 'val/accuracy', validation: true }] },
    ]);
  });

  it('keeps hand-logged keys (bench.run) on a step axis, one chart each', () => {
    expect(groupLiveCharts(['reward', 'loss'])).toEqual([
      { title: 'loss', xLabel: 'step', keys: [{ key: 'loss', validation: false }] },
      { title: 'reward', xLabel: 'step', keys: [{ key: 'reward', validation: false }] },
    ]);
  });

  it('recognises system figures', () => {
    expect(['perf/samples_per_s', 'perf/step_ms', 'lr', 'memory/num_bytes'].every(isSystemKey)).toBe(true);
    expect(['loss', 'val/loss', 'batch/loss'].some(isSystemKey)).toBe(false);
  });
});
