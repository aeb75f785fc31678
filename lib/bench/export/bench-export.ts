import type * as tfType from '@tensorflow/tfjs';
import type { Dataset } from '../datasets';
import type { BenchSession } from '../../kernel/session';
import { exportInputNote } from './input-note';
import { generatedSample, validationSampleFor, type ValidationSample } from './validation-sample';

/** `bench.export(model, options)`: the exporter's options plus where its verification sample comes from. */
export interface BenchExportOptions extends Record<string, unknown> {
  /** Inputs (batch first) and optional labels to verify on; takes precedence over `data` and `runId`. */
  sample?: { x: tfType.Tensor | tfType.Tensor[]; y?: tfType.Tensor };
  /** A `bench.datasets.*` result: its validation split is the sample. */
  data?: Dataset;
  /** Stored in the file; without `sample`/`data`, the run's dataset is rebuilt from its fingerprint. */
  runId?: string;
}

function isDataset(value: unknown): value is Dataset {
  const v = value as Dataset | undefined;
  return !!v && typeof v === 'object' && !!v.validation?.x && !!v.info;
}

/**
 * The sample exportAndVerify checks the file on. Every export is verified (a wrong quantization
 * axis loads and fails only at the first run), so a cell that passes none still gets one: the
 * validation split of `data`, else the dataset of `runId`'s run, else generated inputs.
 */
export async function benchExportSample(session: BenchSession, model: tfType.LayersModel, options: BenchExportOptions): Promise<ValidationSample> {
  const { tf } = session;
  if (options.sample?.x) return { x: options.sample.x, y: options.sample.y, source: 'dataset', description: 'the sample passed as options.sample', dispose: () => {} };
  if (options.data !== undefined) {
    if (!isDataset(options.data)) throw new TypeError('bench.export: options.data must be a bench.datasets.* result (with a validation split)');
    const { x, y } = options.data.validation;
    return { x, y, source: 'dataset', description: `the validation split of ${options.data.info.name} (${x.shape[0]} samples)`, dispose: () => {} };
  }
  if (typeof options.runId === 'string') {
    const run = await (await session.store()).getRun(options.runId);
    return validationSampleFor(tf, { model, fingerprint: run?.datasetFingerprint ?? null });
  }
  return generatedSample(tf, { model, reason: 'no options.sample, options.data or options.runId was given' });
}

/** Runs exportAndVerify with a sample from benchExportSample; the report's notes say which. */
export async function benchExport(session: BenchSession, model: tfType.LayersModel, options: BenchExportOptions = {}) {
  // onnxruntime-web is large: load the exporter only when a cell asks for it.
  let onnx: typeof import('../../onnx');
  try {
    onnx = await import('../../onnx');
  } catch (error) {
    throw new Error(`bench.export: the ONNX exporter could not be loaded (${String(error)})`);
  }
  const sample = await benchExportSample(session, model, options);
  try {
    const { data: _data, sample: _sample, ...exportOptions } = options;
    const result = await onnx.exportAndVerify(model, { ...(exportOptions as Omit<Parameters<typeof onnx.exportAndVerify>[1], 'sample'>), sample: { x: sample.x, y: sample.y } });
    result.report.notes.push(`verified on ${sample.description}`);
    const inputNote = exportInputNote(isDataset(options.data) ? options.data.fingerprint : null);
    if (inputNote) result.report.notes.push(inputNote);
    return result;
  } finally {
    sample.dispose();
  }
}
