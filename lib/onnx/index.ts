import * as tf from '@tensorflow/tfjs';
import { convertLayersModel } from './convert';
import { modelDef } from './model-def';
import type { GraphDef } from './onnx-ir';
import { loadOrt, type ExecutionProvider, type InputBatch, type Ort } from './ort-runtime';
import { encodeModel } from './protobuf-writer';
import { activationTaps, insertActivationQdq } from './quantize/activations-int8';
import { quantizeConvBiasInt32 } from './quantize/bias-int32';
import { calibrateRanges, type CalibrationMethod } from './quantize/calibrate';
import { quantizeWeightsInt8 } from './quantize/weights-int8';
import { DEFAULT_TOLERANCES, formatOf, toleranceFailures, type ExportReport, type ModelCheck, type QuantizeMode, type Tolerances } from './report';
import { stackSamples, tensorBatches } from './sample-batches';
import { checkFile, tfjsReference } from './verify';

export type { ExportReport, ModelCheck, QuantizeMode, Tolerances } from './report';
export type { CalibrationMethod } from './quantize/calibrate';
export type { Ort, ExecutionProvider } from './ort-runtime';
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

async function calibrationBatches(model: tf.LayersModel, data: CalibrationData): Promise<InputBatch[][]> {
  if (Array.isArray(data) && data.length > 0 && data[0] instanceof Float32Array) {
    if (model.inputs.length !== 1) throw new Error(`calibration: Float32Array samples need a single-input model; this one has ${model.inputs.length} inputs (pass tf.Tensor[])`);
    return stackSamples(data as Float32Array[], model.inputs[0].shape.slice(1), CALIBRATION_BATCH);
  }
  return tensorBatches(data as tf.Tensor | tf.Tensor[], CALIBRATION_BATCH);
}

async function quantizedGraph(model: tf.LayersModel, fp32: GraphDef, opts: ExportOptions & { calibrationBatches?: InputBatch[][] }): Promise<GraphDef> {
  const mode = opts.quantize ?? 'int8';
  switch (mode) {
    case 'none':
      return fp32;
    case 'int8':
      return quantizeWeightsInt8(fp32);
    case 'int8-static': {
      const batches = opts.calibrationBatches ?? (opts.calibration ? await calibrationBatches(model, opts.calibration) : undefined);
      if (!batches) throw new Error(NEEDS_CALIBRATION);
      const taps = activationTaps(fp32);
      const ranges = await calibrateRanges({ ort: await loadOrt(opts.ort), graph: fp32, taps, batches, method: opts.calibrationMethod });
      return quantizeConvBiasInt32(quantizeWeightsInt8(insertActivationQdq(fp32, ranges, taps)));
    }
    default: {
      const never: never = mode;
      throw new Error(`unknown quantize mode ${JSON.stringify(never)} (none, int8, int8-static)`);
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
}

/**
 * Exports fp32 and (if asked) the quantized model, runs both in onnxruntime-web on `sample`
 * next to `model.predict`, and reports differences, accuracy, sizes and latency. `bytes` is the
 * file for `quantize`; `report.passed` is false, with reasons, when a tolerance is missed.
 */
export async function exportAndVerify(model: tf.LayersModel, opts: VerifyOptions): Promise<{ bytes: Uint8Array; fp32Bytes: Uint8Array; report: ExportReport }> {
  const mode = opts.quantize ?? 'int8';
  if (!opts?.sample?.x) throw new Error('exportAndVerify: opts.sample.x is required: real inputs (batch first) to verify the exported file on');
  if (!['none', 'int8', 'int8-static'].includes(mode)) throw new Error(`exportAndVerify: quantize must be 'none', 'int8' or 'int8-static', got ${JSON.stringify(mode)}`);
  const ort = await loadOrt(opts.ort);
  const tolerances = { ...DEFAULT_TOLERANCES, ...opts.tolerances };
  const batchSize = opts.batchSize ?? 64;
  const notes: string[] = [];
  const batches = await tensorBatches(opts.sample.x, batchSize);

  const fp32Graph = await convertLayersModel(model);
  const fp32Bytes = encodeModel(modelDef(fp32Graph, metadataFor('none', opts.runId)));
  let calibration: InputBatch[][] | undefined;
  if (mode === 'int8-static') {
    if (opts.calibration) calibration = await calibrationBatches(model, opts.calibration);
    else {
      calibration = batches;
      notes.push('int8-static: no calibration data given; activation ranges were calibrated on the verification sample');
    }
    notes.push('int8-static: under the WebGPU execution provider QuantizeLinear runs on the CPU (fallback), so part of the model leaves the GPU');
  }
  const bytes = mode === 'none' ? fp32Bytes : encodeModel(modelDef(await quantizedGraph(model, fp32Graph, { ...opts, ort, calibrationBatches: calibration }), metadataFor(mode, opts.runId)));

  const reference = await tfjsReference(model, batches, opts.sample.y);
  const shape = model.outputs[0].shape;
  const classCount = shape[shape.length - 1] ?? 1;
  const providers = opts.providers ?? ['wasm'];
  const files = mode === 'none' ? [{ format: formatOf(mode), bytes }] : [{ format: formatOf('none'), bytes: fp32Bytes }, { format: formatOf(mode), bytes }];
  const models: ModelCheck[] = [];
  for (const f of files) models.push(await checkFile({ ort, ...f, batches, reference, classCount, providers, notes }));
  if (reference.classes === null) notes.push('outputs are not class scores: top-1 agreement and accuracy were not measured');

  const failures = models.flatMap((m) => toleranceFailures(m, models[0], tolerances));
  const count = batches.reduce((n, b) => n + b[0].dims[0], 0);
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
      sample: { count, batchSize, labelled: reference.labels !== null },
      tfjs: { backend: reference.backend, accuracy: reference.accuracy, latencyMsPerBatch: reference.latencyMsPerBatch },
      models,
      sizeRatio: mode === 'none' ? null : bytes.length / fp32Bytes.length,
      tolerances,
    },
  };
}
