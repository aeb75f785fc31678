import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createBench } from '@/lib/bench/create-bench';
import { createSweepHttpClient } from '@/lib/sweep/http-client';
import { createTestSession, type TestSession } from '../../unit/bench/node-session';
import { startTestServer, type TestServer } from '../harness';

/**
 * Two kernels (Node bench sessions, cpu) join one server sweep with bench.sweep.join and train
 * real models: every trial runs exactly once, each run is linked to its trial on the server and
 * in the agent's store, Hyperband decided by the server ends a run as `stopped` with its reason,
 * and both agents exit when the grid is done. A third kernel creates a sweep with server: true.
 */

const sessions: TestSession[] = [];
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ backend: 'sqlite' });
});
afterAll(async () => {
  sessions.forEach((x) => x.runStore.close());
  await s?.close();
});

async function kernel(cells: { cellId: string; source: string }[] = []) {
  const session = await createTestSession();
  if (cells.length) session.currentCell = () => ({ cellId: cells[cells.length - 1].cellId, notebookCells: cells });
  sessions.push(session);
  return { session, bench: createBench(session) };
}

const model = (units: number) =>
  tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });

describe('bench.sweep.join against the server', () => {
  it('spreads a grid over two kernels, each trial once, Hyperband from the server stops runs', async () => {
    const client = createSweepHttpClient({ baseUrl: s.url, token: s.token });
    const sweep = await client.create({
      spec: `
method: grid
metric: {name: val/loss, goal: minimize}
early_terminate: {type: hyperband, min_iter: 1, eta: 2, strict: true}
parameters:
  lr: {values: [0.05, 0.00001, 0.02, 0.000001]}
`,
      leaseMs: 5_000,
    });
    const agents = await Promise.all(['a', 'b'].map(async (agentId) => {
      const { session, bench } = await kernel();
      const data = await bench.datasets.gaussians({ n: 120, seed: 2 });
      const result = await bench.sweep.join(sweep.id, (config) =>
        bench.train({ model: model(6), data, learningRate: config.lr as number, epochs: 3, batchSize: 16, seed: 1 }),
      { agentId, baseUrl: s.url, token: s.token });
      return { session, result };
    }));
    expect(agents.map((a) => a.result.reason)).toEqual(['grid done: all 4 combinations tried', 'grid done: all 4 combinations tried']);
    expect(agents[0].result.trials + agents[1].result.trials).toBe(4);

    const final = await client.get(sweep.id);
    expect(final.status).toBe('finished');
    expect(final.state.trials.map((t) => t.attempt)).toEqual([1, 1, 1, 1]);
    const runs = (await Promise.all(agents.map((a) => a.session.runStore.listRuns({})))).flat().filter((r) => r.sweepId === sweep.id);
    expect(runs).toHaveLength(4);
    expect(new Set(runs.map((r) => r.trialId)).size).toBe(4);
    for (const t of final.state.trials) {
      const run = runs.find((r) => r.trialId === t.id)!;
      expect(run.config.lr).toBe(t.config.lr);
      expect(final.runs.find((l) => l.trialId === t.id)?.runId).toBe(run.id);
      expect(run.status).toBe(t.status === 'stopped' ? 'stopped' : 'finished');
      if (t.status === 'stopped') expect(run.statusReason).toBe(t.reason);
    }
    // lr 1e-6 barely trains: whoever reports it after a better trial reached epoch 1 is cut there.
    expect(final.state.trials.filter((t) => t.status === 'stopped' && t.reason?.startsWith('hyperband: val/loss')).length).toBeGreaterThan(0);
  });

  it('creates a server sweep from a kernel with server: true, snapshotting the cells above', async () => {
    const cells = [
      { cellId: 'data', source: 'const data = await bench.datasets.xor({ n: 80 });' },
      { cellId: 'fn', source: 'async function trainTrial(config) { return config.k; }' },
      { cellId: 'sweep', source: 'await bench.sweep(spec, trainTrial, { server: true })' },
    ];
    const { bench } = await kernel(cells);
    async function trainTrial(config: Record<string, unknown>) {
      return config.k as number;
    }
    const result = await bench.sweep('method: grid\nmetric: {name: score, goal: maximize}\nparameters: {k: {values: [3, 1, 2]}}\n', trainTrial, { server: { baseUrl: s.url, token: s.token } });
    expect(result).toMatchObject({ reason: 'grid done: all 3 combinations tried', trials: 3, best: { metric: 3, config: { k: 3 } } });
    const sweep = await createSweepHttpClient({ baseUrl: s.url, token: s.token }).get(result.sweepId);
    expect(sweep).toMatchObject({ functionName: 'trainTrial', code: { cells: cells.slice(0, 2) }, status: 'finished' });
    await expect(bench.sweep('method: grid\nparameters: {k: {value: 1}}', async () => 1, { server: { baseUrl: s.url, token: s.token } })).rejects.toThrow(/needs a named training function/);
  });

  it('creates a server sweep from a sweep cell: the config without the cell keys, the cell text kept as the source', async () => {
    const cells = [{ cellId: 'fn', source: 'async function trainTrial(config) { return config.lr; }' }, { cellId: 'sweep', source: '' }];
    const { bench } = await kernel(cells);
    // What sweepCellToCode passes: the config with the cell's own keys blanked, and the cell text.
    const cell = 'function: trainTrial\nserver: true\nmethod: random\nrun_cap: 2\nmetric: {name: score, goal: maximize}\nparameters:\n  lr: {min: 0.1, max: 0.9}\n';
    const specText = cell.replace('function: trainTrial', ' '.repeat(20)).replace('server: true', ' '.repeat(12));
    async function trainTrial(config: Record<string, unknown>) {
      return config.lr as number;
    }
    const result = await bench.sweep(specText, trainTrial, { server: { baseUrl: s.url, token: s.token }, source: cell, functionName: 'trainTrial' });
    expect(result).toMatchObject({ reason: 'run_cap of 2 trials reached', trials: 2 });
    const sweep = await createSweepHttpClient({ baseUrl: s.url, token: s.token }).get(result.sweepId);
    expect(sweep.specSource).toBe(cell);
    expect(sweep.state.spec.parameters.lr).toMatchObject({ distribution: 'uniform', min: 0.1, max: 0.9 });
    expect(sweep.state.trials.every((t) => typeof t.config.lr === 'number' && t.config.lr >= 0.1 && t.config.lr <= 0.9)).toBe(true);
  });
});
