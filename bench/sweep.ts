/**
 * npm run bench:sweep — prints JSON.
 * 1. Search quality: random vs bayes (TPE) on Branin, Hartmann-6 and a noisy Rosenbrock,
 *    20 seeds × 50 trials each, through the real sweep controller. Regret = f(incumbent) − f*,
 *    where the incumbent is the trial with the best *observed* value (for the noisy function its
 *    true value is what counts, so chasing a lucky noise draw is penalized).
 * 2. Hyperband: the same random sweep (same seed, so the same trial configs) of small MLPs on the
 *    spirals data set, trained with tfjs on the cpu backend, with and without early_terminate.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, gaussian, shuffleInPlace } from '@/lib/data/rng';
import { makeSpirals, type PointSet2D } from '@/lib/data/synthetic';
import { BENCHMARK_FUNCTIONS, type BenchmarkFunction } from '@/lib/sweep/benchmark-functions';
import { toSweepSpec } from '@/lib/sweep/parse';
import { runSweep, type TrialContext } from '@/lib/sweep/run-sweep';
import { SweepController } from '@/lib/sweep/scheduler';
import type { TrialConfig } from '@/lib/sweep/space';

const SEEDS = 20;
const TRIALS = 50;

function regretOf(fn: BenchmarkFunction, method: 'random' | 'bayes', seed: number): number {
  const parameters = Object.fromEntries(Object.entries(fn.bounds).map(([k, [min, max]]) => [k, { distribution: 'uniform', min, max }]));
  const spec = toSweepSpec({ method, metric: { name: 'y', goal: 'minimize' }, run_cap: TRIALS, parameters });
  const controller = new SweepController({ spec, seed });
  const noise = createRng(seed + 1_000_003);
  let bestObserved = Infinity;
  let regret = Infinity;
  for (let next = controller.nextTrial(); next.kind === 'trial'; next = controller.nextTrial()) {
    const x = next.config as Record<string, number>;
    const y = fn.observe(x, () => gaussian(noise));
    controller.finishTrial(next.trialId, 'finished', y);
    if (y < bestObserved) {
      bestObserved = y;
      regret = fn.f(x) - fn.minimum;
    }
  }
  return regret;
}

function summarize(values: number[]) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  const sorted = [...values].sort((a, b) => a - b);
  return { meanRegret: round(mean), stdErr: round(sd / Math.sqrt(values.length)), medianRegret: round(sorted[Math.floor(sorted.length / 2)]) };
}

const round = (x: number) => Number(x.toPrecision(4));

function searchQuality() {
  const functions: Record<string, unknown> = {};
  for (const fn of BENCHMARK_FUNCTIONS) {
    const seeds = Array.from({ length: SEEDS }, (_, s) => s);
    const random = summarize(seeds.map((s) => regretOf(fn, 'random', s)));
    const bayes = summarize(seeds.map((s) => regretOf(fn, 'bayes', s)));
    functions[fn.name] = { random, bayes, bayesBeatsRandom: bayes.meanRegret < random.meanRegret };
  }
  return { seeds: SEEDS, trials: TRIALS, functions };
}

const SPIRALS_SWEEP = `
method: random
metric: {name: val_loss, goal: minimize}
run_cap: 14
parameters:
  learning_rate: {distribution: log_uniform_values, min: 0.0003, max: 0.3}
  hidden_units: {values: [4, 8, 16, 32]}
  hidden_layers: {min: 1, max: 3}
  activation: {values: [relu, tanh]}
  epochs: {value: 27}
`;
const HYPERBAND = 'early_terminate: {type: hyperband, max_iter: 27, s: 2, eta: 3}\n';

function toTensors(set: PointSet2D) {
  return { x: tf.tensor2d(set.x, [set.labels.length, 2]), y: tf.tensor2d(Float32Array.from(set.labels), [set.labels.length, 1]) };
}

/** Trains one MLP; deterministic for a config (seeded init and batch order), so both sweeps train identical trials. */
async function trainSpirals(config: TrialConfig, ctx: TrialContext, data: { train: PointSet2D; val: PointSet2D }, counter: { epochs: number }) {
  const c = config as { learning_rate: number; hidden_units: number; hidden_layers: number; activation: 'relu' | 'tanh'; epochs: number };
  const model = tf.sequential();
  for (let l = 0; l < c.hidden_layers; l++) {
    model.add(tf.layers.dense({ inputShape: l === 0 ? [2] : undefined, units: c.hidden_units, activation: c.activation, kernelInitializer: tf.initializers.glorotUniform({ seed: 17 + l }) }));
  }
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 99 }) }));
  const optimizer = tf.train.adam(c.learning_rate);
  const train = toTensors(data.train);
  const val = toTensors(data.val);
  const n = data.train.labels.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(5);
  let valLoss = NaN;
  try {
    for (let epoch = 1; epoch <= c.epochs; epoch++) {
      shuffleInPlace(order, rng);
      for (let b = 0; b < n; b += 32) {
        const idx = tf.tensor1d(order.slice(b, b + 32), 'int32');
        const xb = tf.gather(train.x, idx);
        const yb = tf.gather(train.y, idx);
        optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(yb, model.apply(xb) as tf.Tensor) as tf.Scalar);
        tf.dispose([idx, xb, yb]);
      }
      counter.epochs++;
      const [loss, acc] = tf.tidy(() => {
        const logits = model.apply(val.x) as tf.Tensor;
        const accuracy = logits.greater(0).cast('float32').equal(val.y).mean();
        return [tf.losses.sigmoidCrossEntropy(val.y, logits).dataSync()[0], accuracy.dataSync()[0]];
      });
      valLoss = loss;
      const answer = await ctx.reportEpoch(epoch, { val_loss: loss, val_acc: acc });
      if (answer.stop) break;
    }
  } finally {
    tf.dispose([train.x, train.y, val.x, val.y]);
    model.dispose();
    optimizer.dispose();
  }
  return { metric: valLoss };
}

async function hyperbandComparison() {
  await tf.setBackend('cpu');
  tf.enableProdMode();
  const data = { train: makeSpirals({ n: 300, noise: 0.1, seed: 1 }), val: makeSpirals({ n: 200, noise: 0.1, seed: 2 }) };
  const runOne = async (source: string) => {
    const counter = { epochs: 0 };
    const t0 = performance.now();
    const result = await runSweep({ spec: source, seed: 7, train: (config, ctx) => trainSpirals(config, ctx, data, counter) });
    const stopped = result.state.trials.filter((t) => t.status === 'stopped');
    return {
      trials: result.state.trials.length,
      epochs: counter.epochs,
      stoppedTrials: stopped.length,
      bestMetric: result.best ? round(result.best.metric) : null,
      bestTrial: result.best?.trialId ?? null,
      seconds: round((performance.now() - t0) / 1000),
      exampleStopReason: stopped[0]?.reason ?? null,
    };
  };
  const without = await runOne(SPIRALS_SWEEP);
  const withHyperband = await runOne(SPIRALS_SWEEP + HYPERBAND);
  return {
    task: 'spirals (300 train / 200 val points), MLP 1-3 hidden layers, Adam, batch 32, tfjs cpu backend',
    sweep: 'random, run_cap 14, epochs 27, hyperband max_iter 27, s 2, eta 3 (brackets 3, 9)',
    withoutHyperband: without,
    withHyperband,
    computeSaved: round(1 - withHyperband.epochs / without.epochs),
    sameBestTrial: without.bestTrial === withHyperband.bestTrial,
  };
}

async function main() {
  const t0 = performance.now();
  const search = searchQuality();
  const searchSeconds = round((performance.now() - t0) / 1000);
  const hyperband = await hyperbandComparison();
  console.log(JSON.stringify({ search: { ...search, seconds: searchSeconds }, hyperband, totalSeconds: round((performance.now() - t0) / 1000) }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
