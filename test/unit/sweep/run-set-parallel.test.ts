import { describe, expect, it } from 'vitest';
import { buildRunSetModel, lowerIsBetter, type RunPoint } from '@/lib/sweep/run-set-parallel';

describe('buildRunSetModel', () => {
  const runs: RunPoint[] = [
    { id: 'a', status: 'finished', params: { lr: 0.1, opt: 'adam' }, metric: 0.5 },
    { id: 'b', status: 'finished', params: { lr: 0.3, opt: 'sgd' }, metric: 1.5 },
    { id: 'c', status: 'failed', params: { opt: 'adam' }, metric: null },
  ];

  it('makes numeric and categorical axes from the runs, the metric last', () => {
    const m = buildRunSetModel({ runs, paramKeys: ['lr', 'opt'], metricKey: 'loss', minimize: true });
    expect(m.axes.map((a) => [a.key, a.kind, a.isMetric])).toEqual([
      ['lr', 'numeric', false],
      ['opt', 'categorical', false],
      ['loss', 'numeric', true],
    ]);
    expect(m.axes[1].categories).toEqual(['adam', 'sgd']);
    expect(m.lines[0].positions).toEqual([0, 0, 0]);
    expect(m.lines[1].positions).toEqual([1, 1, 1]);
    expect(m.lines[2].positions).toEqual([null, 0, null]);
  });

  it('colours the best run by the metric direction', () => {
    const min = buildRunSetModel({ runs, paramKeys: ['lr'], metricKey: 'loss', minimize: true });
    expect(min.lines.map((l) => l.quality)).toEqual([0, 1, null]);
    const max = buildRunSetModel({ runs, paramKeys: ['lr'], metricKey: 'acc', minimize: false });
    expect(max.lines.map((l) => l.quality)).toEqual([1, 0, null]);
  });

  it('judges direction by name', () => {
    expect(lowerIsBetter('val/loss')).toBe(true);
    expect(lowerIsBetter('val/accuracy')).toBe(false);
  });
});
