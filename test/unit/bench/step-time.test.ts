import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TRAIN_STEP_AXES } from '@/lib/bench/train/epoch-loop';
import { BatchReadback, computesOnDispatch, type SettledBatch } from '@/lib/bench/train/batch-readback';
import { benchSessions } from './node-session';

const setup = benchSessions();

/** Pushes batches that ended (were dispatched) at the given times, reads them all, returns their stepMs. */
async function stepTimes(options: { sync: boolean; readGroup: number; startedAt: number; dispatchedAt: number[] }): Promise<number[]> {
  const settled: SettledBatch[] = [];
  const readback = new BatchReadback(tf, options.readGroup, (group) => settled.push(...group), options.startedAt, options.sync);
  for (const [i, at] of options.dispatchedAt.entries()) {
    await readback.push({ outs: [tf.scalar(i)], step: i, batch: i, size: 1, dispatchedAt: at });
  }
  await readback.flush();
  expect(settled.map((s) => s.values[0])).toEqual(options.dispatchedAt.map((_, i) => i));
  return settled.map((s) => s.stepMs);
}

describe('perf/step_ms', () => {
  it('on cpu and wasm each batch is timed from the previous batch’s end to its own (not to when it was read)', async () => {
    // Three 3-second steps, as the MNIST CNN takes on cpu; reads happen a few ms later.
    const times = await stepTimes({ sync: true, readGroup: 1, startedAt: 1_000, dispatchedAt: [4_000, 7_000, 10_000] });
    expect(times).toEqual([3_000, 3_000, 3_000]);
    expect(computesOnDispatch('cpu') && computesOnDispatch('wasm')).toBe(true);
    expect(computesOnDispatch('webgl') || computesOnDispatch('webgpu')).toBe(false);
  });

  it('on GPU backends a group read together shares the time since the previous read', async () => {
    const started = performance.now() - 800;
    const times = await stepTimes({ sync: false, readGroup: 8, startedAt: started, dispatchedAt: [0, 0, 0, 0] });
    expect(new Set(times).size).toBe(1);
    expect(times[0]).toBeGreaterThanOrEqual(200);
  });

  it('bench.train on cpu: every step, the epoch’s last included, is about as long as the others', async () => {
    const { session, bench } = await setup();
    const x = tf.randomNormal([128 * 6, 784], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d([...Array(128 * 6).keys()].map((i) => i % 10), 'int32'), 10);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    const trainStart = performance.now();
    await bench.train({ model, data: { train: { x, y } }, epochs: 1, batchSize: 128, loss: 'categoricalCrossentropy', seed: 1 } as never);
    const wallMs = performance.now() - trainStart;
    const steps = session.events.flatMap((e) => (e.type === 'metrics' ? e.points.filter((p) => p.key === 'perf/step_ms').map((p) => p.value) : []));
    expect(steps).toHaveLength(6);
    const median = [...steps].sort((a, b) => a - b)[3];
    // Before: the last step was only its read (≈ 0 ms) and the first counted two steps.
    expect(steps.at(-1)!, steps.join(', ')).toBeGreaterThan(median * 0.3);
    expect(steps[0], steps.join(', ')).toBeLessThan(median * 1.8 + 20);
    expect(steps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(wallMs);
    // The run records what its steps count, so charts say "per batch" / "per epoch" rightly.
    const started = session.events.find((e) => e.type === 'run-started');
    expect(started?.type === 'run-started' && started.run.env.stepAxes).toEqual(TRAIN_STEP_AXES);
  }, 120_000);
});
