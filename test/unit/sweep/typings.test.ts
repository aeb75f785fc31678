import { describe, expect, it } from 'vitest';
import { cellDiagnostics } from '../bench/typecheck-cells';

describe('BENCH_DTS for bench.sweep', () => {
  it('types the documented uses and rejects misuse', () => {
    const errors = cellDiagnostics({
      '__sweep.ts': `export async function cells() {
  const data = await bench.datasets.spirals();
  async function trainTrial(config: Record<string, any>) {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: config.units, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    return bench.train({ model, data, learningRate: config.lr, epochs: 5, onEpochEnd: (epoch, logs, run) => (logs['val/loss'] > 5 ? { stop: true, reason: run.runId } : undefined) });
  }
  const r = await bench.sweep({ method: 'random', metric: { name: 'val/loss' }, parameters: { lr: { min: 0.001, max: 0.1 } } }, trainTrial, { count: 4, seed: 1 });
  r.best?.config;
  await bench.sweep('method: grid\\nparameters: {k: {values: [1, 2]}}', async (config, trial) => {
    for (let epoch = 1; epoch <= 3; epoch++) if ((await trial.reportEpoch(epoch, { loss: config.k / epoch })).stop) break;
    return { metric: config.k };
  }, { server: true });
  await bench.sweep.join(r.sweepId, trainTrial, { count: 2 });
}`,
      '__misuse.ts': `export async function f() { await bench.sweep({ method: 'annealing', parameters: {} }, async () => 1); await bench.sweep.join(3 as unknown as number, async () => 1); }`,
    });
    expect(errors.filter((e) => !e.startsWith('/__misuse'))).toEqual([]);
    const misuse = errors.filter((e) => e.startsWith('/__misuse')).join('\n');
    expect(misuse).toMatch(/annealing/);
    expect(misuse).toMatch(/number.*string|not assignable to parameter of type 'string'/);
  }, 60_000);
});
