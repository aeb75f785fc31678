import type * as tf from '@tensorflow/tfjs';
import { createSession, runBatch, type InputBatch, type Ort } from './ort-runtime';
import { tensorBatches } from './sample-batches';
import { predictTfjs } from './verify';
import type { SampleCost } from './verify-plan';

/** Rows of the timed probe batch: per-call overhead would make one row look slower than it is. */
const PROBE_ROWS = 4;

/**
 * Times one small batch in tfjs and in onnxruntime (the fp32 file) before anything else runs, so
 * the verification plan fits the model: each side runs one row to warm up (weights uploaded,
 * kernels compiled), then the probe batch timed. Returns milliseconds per sample.
 */
export async function measureSampleCost(opts: { ort: Ort; model: tf.LayersModel; fp32Bytes: Uint8Array; x: tf.Tensor | tf.Tensor[] }): Promise<SampleCost> {
  const xs = Array.isArray(opts.x) ? opts.x : [opts.x];
  const rows = Math.min(PROBE_ROWS, xs[0].shape[0]);
  const head = xs.map((t) => t.slice(0, rows));
  let probe: InputBatch[];
  let row: InputBatch[];
  try {
    probe = (await tensorBatches(head, rows))[0];
    row = (await tensorBatches(head, 1))[0];
  } finally {
    head.forEach((t) => t.dispose());
  }
  const timed = async (run: (b: InputBatch[]) => Promise<unknown>) => {
    await run(row);
    const t0 = performance.now();
    await run(probe);
    return (performance.now() - t0) / rows;
  };
  const tfjsMs = await timed((b) => predictTfjs(opts.model, b));
  const session = await createSession(opts.ort, opts.fp32Bytes, 'wasm');
  try {
    return { tfjsMs, onnxMs: await timed((b) => runBatch(opts.ort, session, b)) };
  } finally {
    await session.release();
  }
}
