import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { exportAndVerify } from './index';
import { parseExportArgs, UsageError, USAGE, type ExportArgs } from './cli/args';
import { startFastestBackend } from './cli/backend';
import { resolveInputShapes } from './cli/input-shapes';
import { randomInputs, readLabelsFile, readSamplesFile } from './cli/inputs';
import { loadLayersModelFromDir } from './cli/model-dir';
import { progressBar, type ProgressStream } from './cli/progress-bar';

/**
 * `npx benchtop export <model dir> --out model.onnx [options]` (USAGE in cli/args.ts).
 *
 * Loads a tfjs Layers model from disk, exports it, verifies the file in onnxruntime-web against
 * tfjs (wasm backend when it starts), prints the report as JSON on stdout and progress on stderr,
 * and writes the file only when it passed.
 * Exit codes: 0 passed, 1 verification failed (nothing written), 2 bad usage or export error.
 */
export { parseExportArgs, UsageError, USAGE, type ExportArgs } from './cli/args';

/** Random inputs above this many values (128 MB of float32) are cut to fewer samples. */
const MAX_RANDOM_VALUES = 1 << 25;

export interface CliLog {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Where the progress bar goes (stderr); none draws nothing. */
  progress?: ProgressStream;
}

export async function runExport(args: ExportArgs, log: CliLog): Promise<number> {
  const backend = await startFastestBackend();
  const model = await loadLayersModelFromDir(args.modelDir);
  const { shapes, notes } = resolveInputShapes(model, args.inputShapes);
  if (backend.note) notes.push(backend.note);
  let x: tf.Tensor | tf.Tensor[];
  let calibration: tf.Tensor | undefined;
  if (args.calibration) {
    if (model.inputs.length !== 1) throw new Error(`--calibration files feed single-input models; this model has ${model.inputs.length} inputs`);
    calibration = await readSamplesFile(args.calibration, shapes[0]);
    x = calibration.shape[0] > args.samples ? calibration.slice(0, args.samples) : calibration;
  } else {
    const rowValues = shapes.reduce((n, s) => n + s.reduce((a, d) => a * d, 1), 0);
    const count = Math.min(args.samples, Math.max(1, Math.floor(MAX_RANDOM_VALUES / rowValues)));
    if (count < args.samples) notes.push(`generated ${count} random samples, not ${args.samples}: inputs are capped at ${MAX_RANDOM_VALUES} values`);
    x = randomInputs(model, count, 1, shapes);
  }
  const y = args.labels ? await readLabelsFile(args.labels) : undefined;
  if (y && y.shape[0] !== calibration!.shape[0]) throw new Error(`--labels has ${y.shape[0]} rows, --calibration has ${calibration!.shape[0]} samples`);
  const bar = log.progress ? progressBar(log.progress) : null;
  let result: Awaited<ReturnType<typeof exportAndVerify>>;
  try {
    result = await exportAndVerify(model, {
      quantize: args.quantize,
      calibration,
      sample: { x, y: y && x !== calibration ? y.slice(0, args.samples) : y },
      runId: args.runId,
      verifySeconds: args.verifySeconds,
      onProgress: bar?.listener,
    });
  } finally {
    bar?.end();
  }
  const { bytes, report } = result;
  report.notes.unshift(...notes);
  if (!args.calibration) report.notes.push(`verified on seeded random inputs (no --calibration file): agreement is measured, accuracy is not`);
  const out = path.resolve(args.out);
  if (report.passed) {
    // Write beside the target, then rename: a crash never leaves a half-written model.onnx.
    const tmp = `${out}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, out);
  }
  log.out(JSON.stringify({ out: report.passed ? out : null, sizeBytes: bytes.length, report }, null, 2));
  if (!report.passed) log.err(`benchtop export: verification failed, ${out} was not written:\n  ${report.failures.join('\n  ')}`);
  return report.passed ? 0 : 1;
}

/** Entry point for bin/benchtop.mjs; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const log: CliLog = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), progress: process.stderr };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    log.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    return await runExport(parseExportArgs(argv), log);
  } catch (e) {
    log.err(`benchtop export: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof UsageError) log.err(USAGE);
    return 2;
  }
}
