import * as tf from '@tensorflow/tfjs';
import { convertLayersModel } from './convert';
import { modelDef } from './model-def';
import type { GraphDef } from './onnx-ir';
import { loadOrt, type ExecutionProvider, type InputBatch, type Ort } from './ort-runtime';
import { encodeModel } from './protobuf-writer';
import { activationTaps, insertActivationQdq } from './quantize/activations-int8';
import { quantizeConvBiasInt32 } from './quantize/bias-int32';
import { calibrateRanges, type CalibrationMethod } from './quantize/calibrate';
import { toFloat16Graph } from './quantize/fp16';
import { quantizeWeightsInt8, type WeightScales } from './quantize/weights-int8';
import { DEFAULT_TOLERANCES, formatOf, QUANTIZE_MODES, toleranceFailures, type ExportReport, type ModelCheck, type QuantizeMode, type Tolerances } from './report';
import { ProgressTracker, type ProgressListener } from './progress';
import { measureSampleCost } from './sample-cost';
import { stackSamples, tensorBatches } from './sample-batches';
import { checkFile, tfjsReference } from './verify';
import { planNote, planVerification, type VerifyPlan } from './verify-plan';

export type { ExportReport, ModelCheck, QuantizeMode, Tolerances } from './report';
export type { CalibrationMethod } from './quantize/calibrate';
export type { Ort, ExecutionProvider } from './ort-runtime';
export type { ExportProgress, ProgressListener } from './progress';
export type { VerifyPlan } from './verify-plan';
export { SUPPORTED_LAYER_CLASSES } from './layers';
export { SUPPORTED_ACTIVATIONS } from './layers/activations';
export { LayerExportError } from './layers/types';

/** Inputs for calibrating int8-static: a batch tensor (or one per model input), or flat samples of a single-input model. */
export type CalibrationData = tf.Tensor | tf.Tensor[] | Float32Array[];

export interface ExportOptions {
  /** Default 'int8' (weight-only). */
  quantize?: QuantizeMode;
  /** Required for 'int8-static' (exportAndVerify falls back to the verification sample). */
  calibration?: CalibrationData;
  calibrationMethod?: CalibrationMethod;
  /** int8 weight scales: one per output channel (default) or one per tensor (for comparison). */
  weightScales?: WeightScales;
  /** Stored in the model's metadata_props as run_id. */
  runId?: string;
  /** onnxruntime-web module; imported on demand when omitted (calibration needs it). */
  ort?: Ort;
}

const CALIBRATION_BATCH = 64;
const NEEDS_CALIBRATION = "quantize 'int8-static' needs calibration inputs (opts.calibration): a sample of the training data";

export function sourceFramework(): string {
  return `tensorflow.js ${tf.version.tfjs}`;
}

function metadataFor(mode: QuantizeMode, runId: string | undefined): Record<string, string> {
  return { run_id: runId ?? '', source_framework: sourceFramework(), quantization: mode };
}

async function calibrationBatches(model: tf.LayersModel, data: CalibrationData, batchSize = CALIBRATION_BATCH): Promise<InputBatch[][]> {
  if (Array.isArray(data) && data.length > 0 && data[0] instanceof Float32Array) {
    if (model.inputs.length !== 1) throw new Error(`calibration: Float32Array samples need a single-input model; this one has ${model.inputs.length} inputs (pass tf.Tensor[])`);
    return stackSamples(data as Float32Array[], model.inputs[0].shape.slice(1), batchSize);
  }
  return tensorBatches(data as tf.Tensor | tf.Tensor[], batchSize);
}

async function quantizedGraph(model: tf.LayersModel, fp32: GraphDef, opts: ExportOptions & { calibrationBatches?: InputBatch[][]; onCalibrationBatch?: (rows: number) => void }): Promise<GraphDef> {
  const mode = opts.quantize ?? 'int8';
  switch (mode) {
    case 'none':
      return fp32;
    case 'int8':
      return quantizeWeightsInt8(fp32, opts.weightScales);
    case 'fp16':
      return toFloat16Graph(fp32);
    case 'int8-static': {
      const batches = opts.calibrationBatches ?? (opts.calibration ? await calibrationBatches(model, opts.calibration) : undefined);
      if (!batches) throw new Error(NEEDS_CALIBRATION);
      const taps = activationTaps(fp32);
      const ranges = await calibrateRanges({ ort: await loadOrt(opts.ort), graph: fp32, taps, batches, method: opts.calibrationMethod, onBatch: opts.onCalibrationBatch });
      // Per channel always: the int32 bias scales are input scale × each channel's weight scale.
      return quantizeConvBiasInt32(quantizeWeightsInt8(insertActivationQdq(fp32, ranges, taps)));
    }
    default: {
      const never: never = mode;
      throw new Error(`unknown quantize mode ${JSON.stringify(never)} (${QUANTIZE_MODES.join(', ')})`);
    }
  }
}

/**
 * Exports a tfjs LayersModel (sequential or functional) to ONNX bytes (opset 17, IR 8).
 * Throws a LayerExportError naming the layer and its class for anything it cannot express, so a
 * wrong file is never produced. Use exportAndVerify to also prove the file computes what tfjs does.
 */
export async function exportOnnx(model: tf.LayersModel, opts: ExportOptions = {}): Promise<Uint8Array> {
  const mode = opts.quantize ?? 'int8';
  if (mode === 'int8-static' && !opts.calibration) throw new Error(NEEDS_CALIBRATION);
  const fp32 = await convertLayersModel(model);
  return encodeModel(modelDef(await quantizedGraph(model, fp32, opts), metadataFor(mode, opts.runId)));
}

export interface VerifyOptions extends ExportOptions {
  /** Real inputs (batch first) and, for accuracy, labels (class indices or one-hot). */
  sample: { x: tf.Tensor | tf.Tensor[]; y?: tf.Tensor };
  /** Rows per batch for comparisons and latency (default 64). */
  batchSize?: number;
  /** Providers to time; 'wasm' always runs. Add 'webgpu' in browsers that have it. */
  providers?: ExecutionProvider[];
  tolerances?: Partial<Tolerances>;
  /**
   * Seconds of verification work to aim for (default 60). One sample is timed first; the sample
   * count (never under 16), batch size and timed repeats follow from it (verify-plan.ts).
   */
  verifySeconds?: number;
  /** Called as the export advances, with the fraction done and an estimate of the time left. */
  onProgress?: ProgressListener;
}

function firstRows(x: tf.Tensor | tf.Tensor[], count: number): tf.Tensor[] {
  return (Array.isArray(x) ? x : [x]).map((t) => t.slice(0, count));
}

/**
 * Exports fp32 and (if asked) the quantized model, runs both in onnxruntime-web on `sample`
 * next to `model.predict`, and reports differences, accuracy, sizes and latency. `bytes` is the
 * file for `quantize`; `report.passed` is false, with reasons, when a tolerance is missed.
 */
export async function exportAndVerify(model: tf.LayersModel, opts: VerifyOptions): Promise<{ bytes: Uint8Array; fp32Bytes: Uint8Array; report: ExportReport }> {
  const mode = opts.quantize ?? 'int8';
  if (!opts?.sample?.x) throw new Error('exportAndVerify: opts.sample.x is required: real inputs (batch first) to verify the exported file on');
  if (!QUANTIZE_MODES.includes(mode)) throw new Error(`exportAndVerify: quantize must be one of ${QUANTIZE_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  const ort = await loadOrt(opts.ort);
  const tolerances = { ...DEFAULT_TOLERANCES, ...opts.tolerances };
  const notes: string[] = [];
  const progress = new ProgressTracker(opts.onProgress);

  progress.step('convert', 'converting the layers to ONNX');
  const fp32Graph = await convertLayersModel(model);
  const fp32Bytes = encodeModel(modelDef(fp32Graph, metadataFor('none', opts.runId)));

  progress.step('time', 'timing one sample in tfjs and onnxruntime');
  const cost = await measureSampleCost({ ort, model, fp32Bytes, x: opts.sample.x });
  const xs = Array.isArray(opts.sample.x) ? opts.sample.x : [opts.sample.x];
  const files = mode === 'none' ? 1 : 2;
  const plan: VerifyPlan = planVerification({ requested: xs[0].shape[0], cost, files, maxBatchSize: opts.batchSize ?? 64, budgetSeconds: opts.verifySeconds });
  const note = planNote(plan, cost, tf.getBackend());
  if (note) notes.push(note);

  let calibration: InputBatch[][] | undefined;
  const sampled = plan.count < plan.requested ? firstRows(opts.sample.x, plan.count) : xs;
  const labels = opts.sample.y && plan.count < plan.requested ? opts.sample.y.slice(0, plan.count) : opts.sample.y;
  try {
    const batches = await tensorBatches(sampled, plan.batchSize);
    if (mode === 'int8-static') {
      if (opts.calibration) calibration = await calibrationBatches(model, opts.calibration, plan.batchSize);
      else {
        calibration = batches;
        notes.push('int8-static: no calibration data given; activation ranges were calibrated on the verification sample');
      }
      notes.push('int8-static: under the WebGPU execution provider QuantizeLinear runs on the CPU (fallback), so part of the model leaves the GPU');
    }
    const calibrationRows = calibration?.reduce((n, b) => n + b[0].dims[0], 0) ?? 0;
    progress.plan(plan.estimatedMs + calibrationRows * cost.onnxMs);

    let bytes = fp32Bytes;
    if (mode !== 'none') {
      const label = mode === 'int8-static' ? `calibrating activation ranges on ${calibrationRows} samples` : mode === 'fp16' ? 'converting to fp16' : 'quantizing weights';
      progress.step(mode === 'int8-static' ? 'calibrate' : 'convert', label);
      const onCalibrationBatch = (rows: number) => progress.advance('calibrate', label, rows * cost.onnxMs);
      bytes = encodeModel(modelDef(await quantizedGraph(model, fp32Graph, { ...opts, ort, calibrationBatches: calibration, onCalibrationBatch }), metadataFor(mode, opts.runId)));
    }

    const repeats = plan.repeats;
    const reference = await tfjsReference(model, batches, labels, { repeats, progress: { tracker: progress, label: `tfjs (${tf.getBackend()}) on ${plan.count} samples`, msPerSample: cost.tfjsMs } });
    const shape = model.outputs[0].shape;
    const classCount = shape[shape.length - 1] ?? 1;
    const providers = opts.providers ?? ['wasm'];
    const checks = mode === 'none' ? [{ format: formatOf(mode), bytes }] : [{ format: formatOf('none'), bytes: fp32Bytes }, { format: formatOf(mode), bytes }];
    const models: ModelCheck[] = [];
    for (const f of checks) {
      const pass = { tracker: progress, label: `onnxruntime ${f.format} on ${plan.count} samples`, msPerSample: cost.onnxMs };
      models.push(await checkFile({ ort, ...f, batches, reference, classCount, providers, notes, repeats, progress: pass }));
    }
    progress.finish('verified');
    if (reference.classes === null) notes.push('outputs are not class scores: judged by PSNR against tfjs (dB, peak = the reference output range), not by top-1 agreement');
    return finish({ mode, opts, notes, tolerances, plan, cost, reference, models, bytes, fp32Bytes });
  } finally {
    if (sampled !== xs) sampled.forEach((t) => t.dispose());
    if (labels !== opts.sample.y) labels?.dispose();
  }
}

function finish(r: {
  mode: QuantizeMode;
  opts: VerifyOptions;
  notes: string[];
  tolerances: Tolerances;
  plan: VerifyPlan;
  cost: { tfjsMs: number; onnxMs: number };
  reference: Awaited<ReturnType<typeof tfjsReference>>;
  models: ModelCheck[];
  bytes: Uint8Array;
  fp32Bytes: Uint8Array;
}): { bytes: Uint8Array; fp32Bytes: Uint8Array; report: ExportReport } {
  const { mode, opts, notes, tolerances, plan, reference, models, bytes, fp32Bytes } = r;
  const failures = models.flatMap((m) => toleranceFailures(m, models[0], tolerances));
  return {
    bytes,
    fp32Bytes,
    report: {
      passed: failures.length === 0,
      failures,
      notes,
      quantize: mode,
      runId: opts.runId ?? null,
      sourceFramework: sourceFramework(),
      sample: { count: plan.count, batchSize: plan.batchSize, labelled: reference.labels !== null },
      plan: { requested: plan.requested, repeats: plan.repeats, budgetSeconds: plan.budgetSeconds, msPerSample: { tfjs: r.cost.tfjsMs, onnx: r.cost.onnxMs } },
      tfjs: { backend: reference.backend, accuracy: reference.accuracy, latencyMsPerBatch: reference.latencyMsPerBatch },
      models,
      sizeRatio: mode === 'none' ? null : bytes.length / fp32Bytes.length,
      tolerances,
    },
  };
}
