import * as tf from '@tensorflow/tfjs';
import { createSession, runBatch, type ExecutionProvider, type InputBatch, type Ort } from './ort-runtime';
import type { ModelCheck, ModelFormat } from './report';
import { psnrDb } from './output-metrics';
import type { ProgressTracker } from './progress';
import { batchTensors } from './sample-batches';

/**
 * Runs exported files in onnxruntime-web next to tfjs's `model.predict` on the same batches and
 * measures agreement, accuracy and latency. Every export goes through this: a wrong quantization
 * axis, for one, loads fine and fails only at the first run (DESIGN.md).
 */

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** How a pass reports its work: per batch, `msPerSample` estimated ms per row (verify-plan.ts). */
export interface PassProgress {
  tracker: ProgressTracker;
  label: string;
  msPerSample: number;
}

const rowsOf = (b: InputBatch[]) => b[0].dims[0];

/** `repeats` timed batches (cycling through the sample), after the pass that collected outputs warmed up. */
async function medianMs(batches: InputBatch[][], repeats: number, run: (b: InputBatch[]) => Promise<unknown>, progress?: PassProgress): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const batch = batches[i % batches.length];
    const t0 = performance.now();
    await run(batch);
    times.push(performance.now() - t0);
    progress?.tracker.advance('latency', `timing ${progress.label}`, rowsOf(batch) * progress.msPerSample);
  }
  return median(times);
}

/** Outputs of a whole sample: per model output, all batches concatenated. */
type Outputs = Float32Array[];

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function collect(batches: InputBatch[][], run: (b: InputBatch[]) => Promise<Float32Array[]>, progress?: PassProgress & { phase: 'reference' | 'verify' }): Promise<Outputs> {
  const perBatch: Float32Array[][] = [];
  for (const b of batches) {
    perBatch.push(await run(b));
    progress?.tracker.advance(progress.phase, progress.label, rowsOf(b) * progress.msPerSample);
  }
  return perBatch[0].map((_, i) => concat(perBatch.map((p) => p[i])));
}

export async function predictTfjs(model: tf.LayersModel, batch: InputBatch[]): Promise<Float32Array[]> {
  const xs = batchTensors(batch);
  try {
    const out = model.predict(xs.length === 1 ? xs[0] : xs);
    const outs = Array.isArray(out) ? out : [out];
    const data = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
    outs.forEach((t) => t.dispose());
    return data;
  } finally {
    xs.forEach((t) => t.dispose());
  }
}

/** max |a - b|; NaN/±Infinity count as equal only where both sides have the same value. */
export function maxAbsDiff(a: Outputs, b: Outputs): number {
  let worst = 0;
  a.forEach((xs, o) => {
    const ys = b[o];
    if (!ys || ys.length !== xs.length) {
      worst = Infinity;
      return;
    }
    for (let i = 0; i < xs.length; i++) {
      if (Object.is(xs[i], ys[i])) continue;
      const d = Math.abs(xs[i] - ys[i]);
      worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
    }
  });
  return worst;
}

/** max |x| over every finite output value (0 for none). */
export function largestMagnitude(outputs: Outputs): number {
  let m = 0;
  for (const xs of outputs) for (const x of xs) if (Math.abs(x) > m && Number.isFinite(x)) m = Math.abs(x);
  return m;
}

/**
 * Predicted class per row of the first output: arg-max over the last axis, or p > 0.5 for a
 * single sigmoid unit. Null when the output is not class scores (one unit outside [0, 1]).
 */
export function predictedClasses(values: Float32Array, classes: number): Int32Array | null {
  const rows = values.length / classes;
  const out = new Int32Array(rows);
  if (classes === 1) {
    if (!values.every((v) => v >= 0 && v <= 1)) return null;
    for (let r = 0; r < rows; r++) out[r] = values[r] > 0.5 ? 1 : 0;
    return out;
  }
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (values[r * classes + c] > values[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Labels as class indices: one-hot rows (arg-max) or indices as given. */
export async function labelClasses(y: tf.Tensor, rows: number): Promise<Int32Array> {
  const values = await y.data();
  if (values.length === rows) return Int32Array.from(values, (v) => Math.round(Number(v)));
  if (values.length % rows !== 0) throw new Error(`labels: ${values.length} values for ${rows} predictions`);
  return predictedClasses(Float32Array.from(values, Number), values.length / rows) ?? new Int32Array(rows);
}

function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length ? same / a.length : 0;
}

export interface TfjsReference {
  outputs: Outputs;
  classes: Int32Array | null;
  labels: Int32Array | null;
  accuracy: number | null;
  latencyMsPerBatch: number;
  backend: string;
}

/**
 * Predicted classes of the first output, or null when it is not class scores: an image ([batch,
 * h, w, c] and up, judged by PSNR instead) or a single unit outside [0, 1].
 */
function classScoresOf(model: tf.LayersModel, values: Float32Array): Int32Array | null {
  const shape = model.outputs[0].shape;
  if (shape.length >= 4) return null;
  return predictedClasses(values, shape[shape.length - 1] ?? 1);
}

/** tfjs's own predictions on the sample: the reference every file is compared with. */
export async function tfjsReference(model: tf.LayersModel, batches: InputBatch[][], y: tf.Tensor | undefined, timing: { repeats: number; progress?: PassProgress }): Promise<TfjsReference> {
  const pass = timing.progress && { ...timing.progress, phase: 'reference' as const };
  const outputs = await collect(batches, (b) => predictTfjs(model, b), pass);
  const classes = classScoresOf(model, outputs[0]);
  const labels = y && classes ? await labelClasses(y, classes.length) : null;
  const latencyMsPerBatch = await medianMs(batches, timing.repeats, (b) => predictTfjs(model, b), timing.progress);
  return { outputs, classes, labels, accuracy: classes && labels ? agreement(classes, labels) : null, latencyMsPerBatch, backend: tf.getBackend() };
}

/** Runs one exported file on the sample with each provider and compares it with tfjs. */
export async function checkFile(opts: {
  ort: Ort;
  format: ModelFormat;
  bytes: Uint8Array;
  batches: InputBatch[][];
  reference: TfjsReference;
  classCount: number;
  providers: ExecutionProvider[];
  notes: string[];
  repeats: number;
  progress?: PassProgress;
}): Promise<ModelCheck> {
  const { ort, format, bytes, batches, reference, repeats, progress } = opts;
  const session = await createSession(ort, bytes, 'wasm');
  let outputs: Outputs;
  let wasmMs: number;
  try {
    outputs = await collect(batches, (b) => runBatch(ort, session, b), progress && { ...progress, phase: 'verify' });
    wasmMs = await medianMs(batches, repeats, (b) => runBatch(ort, session, b), progress);
  } finally {
    await session.release();
  }
  let webgpuMs: number | null = null;
  if (opts.providers.includes('webgpu')) {
    try {
      const gpu = await createSession(ort, bytes, 'webgpu');
      try {
        await runBatch(ort, gpu, batches[0]);
        webgpuMs = await medianMs(batches, repeats, (b) => runBatch(ort, gpu, b));
      } finally {
        await gpu.release();
      }
    } catch (e) {
      opts.notes.push(`${format}: WebGPU execution provider did not run (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const classes = reference.classes ? predictedClasses(outputs[0], opts.classCount) : null;
  return {
    format,
    sizeBytes: bytes.length,
    maxAbsDiff: maxAbsDiff(reference.outputs, outputs),
    referenceMaxAbs: largestMagnitude(reference.outputs),
    psnrDb: reference.classes ? null : psnrDb(reference.outputs, outputs),
    top1Agreement: classes && reference.classes ? agreement(classes, reference.classes) : null,
    accuracy: classes && reference.labels ? agreement(classes, reference.labels) : null,
    latencyMsPerBatch: { wasm: wasmMs, webgpu: webgpuMs },
  };
}
