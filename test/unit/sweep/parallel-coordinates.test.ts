import { describe, expect, it } from 'vitest';
import { runSweep } from '@/lib/sweep/run-sweep';
import { buildParallelModel, passesBrushes, position, qualityColor, selectedTrials, valueAt } from '@/lib/sweep/parallel-coordinates';

const SPEC = `
method: random
metric: {name: loss, goal: minimize}
run_cap: 12
parameters:
  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  act: {values: [relu, tanh]}
  units: {values: [16, 4, 8]}
  fixed: {value: 3}
`;

async function sweepState() {
  const { state } = await runSweep({
    spec: SPEC, seed: 5,
    train: async (c) => ({ metric: Math.abs(Math.log10(c.lr as number) + 2) + (c.act === 'tanh' ? 0 : 0.5) }),
  });
  return state;
}

describe('parallel coordinates model', () => {
  it('has one axis per swept parameter plus the metric, scaled as the spec says', async () => {
    const state = await sweepState();
    const model = buildParallelModel(state);
    expect(model.axes.map((a) => [a.key, a.kind, a.log])).toEqual([
      ['lr', 'numeric', true], ['act', 'categorical', false], ['units', 'categorical', false], ['loss', 'numeric', false],
    ]);
    expect(model.axes[0]).toMatchObject({ min: 0.0001, max: 0.1 });
    expect(model.axes[2].categories).toEqual(['4', '8', '16']);
    expect(model.lines).toHaveLength(12);
    for (const line of model.lines) for (const p of line.positions) expect(p === null || (p >= 0 && p <= 1)).toBe(true);
    expect(position(model.axes[0], 0.001)).toBeCloseTo(1 / 3, 10);
    expect(valueAt(model.axes[0], 2 / 3)).toBeCloseTo(0.01, 10);
    const best = model.lines.reduce((a, b) => ((a.metric ?? Infinity) < (b.metric ?? Infinity) ? a : b));
    expect(best.quality).toBe(0);
    expect(Math.max(...model.lines.map((l) => l.quality ?? 0))).toBe(1);
    expect(qualityColor(0)).toBe('rgb(79, 70, 229)');
    expect(qualityColor(null)).toBe('#a1a1aa');
  });

  it('selects the trials inside every brush', async () => {
    const state = await sweepState();
    const model = buildParallelModel(state);
    expect(selectedTrials(model, {}).size).toBe(12);
    const tanh = new Set(state.trials.filter((t) => t.config.act === 'tanh').map((t) => t.id));
    expect(selectedTrials(model, { act: [0.9, 1.1] })).toEqual(tanh);
    // Brushes may be dragged either way; two brushes intersect.
    const lowLr = state.trials.filter((t) => (t.config.lr as number) <= 0.001 && t.config.act === 'tanh').map((t) => t.id);
    expect([...selectedTrials(model, { act: [1.1, 0.9], lr: [1 / 3 + 1e-9, 0] })].sort()).toEqual(lowLr.sort());
    const running = { ...state, trials: [...state.trials, { ...state.trials[0], id: 'trial-13', index: 12, status: 'running' as const, metric: null, values: [] }] };
    const live = buildParallelModel(running);
    const last = live.lines[live.lines.length - 1];
    expect(last.positions.at(-1)).toBeNull();
    expect(passesBrushes(live, last, { loss: [0, 1] })).toBe(false);
    expect(passesBrushes(live, last, { lr: [0, 1] })).toBe(true);
  });
});
