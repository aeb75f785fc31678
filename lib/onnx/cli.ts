import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { exportAndVerify, type QuantizeMode } from './index';
import { randomInputs, readLabelsFile, readSamplesFile } from './cli/inputs';
import { loadLayersModelFromDir } from './cli/model-dir';

/**
 * `npx benchtop export <model dir> --out model.onnx [--quantize none|int8|int8-static]
 *   [--calibration samples.json|.bin] [--labels labels.json] [--samples N] [--run-id ID]`
 *
 * Loads a tfjs Layers model from disk, exports it, verifies the file in onnxruntime-web against
 * tfjs, prints the report as JSON on stdout, and writes the file only when it passed.
 * Exit codes: 0 passed, 1 verification failed (nothing written), 2 bad usage or export error.
 */
export const USAGE = `usage: benchtop export <dir with model.json + weights> --out <model.onnx>
  [--quantize none|int8|int8-static]   default int8 (weight-only)
  [--calibration <file.json|file.bin>]  samples for int8-static, also used to verify
  [--labels <file.json>]                class indices or one-hot rows for the samples (accuracy)
  [--samples <n>]                       random samples to verify on without a file (default 256)
  [--run-id <id>]                       stored in the model metadata`;

const QUANTIZE_MODES: readonly QuantizeMode[] = ['none', 'int8', 'int8-static'];
const VALUE_FLAGS = ['out', 'quantize', 'calibration', 'labels', 'samples', 'run-id'] as const;
type Flag = (typeof VALUE_FLAGS)[number];

export class UsageError extends Error {}

export interface ExportArgs {
  modelDir: string;
  out: string;
  quantize: QuantizeMode;
  calibration?: string;
  labels?: string;
  samples: number;
  runId?: string;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const [command, ...rest] = argv;
  if (command !== 'export') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const flags: Partial<Record<Flag, string>> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [Flag, string | undefined];
    if (!VALUE_FLAGS.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? rest[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? `expected one model directory, got ${positional.join(' ')}` : 'missing the model directory');
  if (!flags.out) throw new UsageError('missing --out <model.onnx>');
  const quantize = (flags.quantize ?? 'int8') as QuantizeMode;
  if (!QUANTIZE_MODES.includes(quantize)) throw new UsageError(`--quantize must be one of ${QUANTIZE_MODES.join(', ')}, got '${flags.quantize}'`);
  const samples = Number(flags.samples ?? 256);
  if (!Number.isInteger(samples) || samples < 1) throw new UsageError(`--samples must be a positive integer, got '${flags.samples}'`);
  if (quantize === 'int8-static' && !flags.calibration) throw new UsageError('--quantize int8-static needs --calibration <file> (a sample of the training inputs)');
  if (flags.labels && !flags.calibration) throw new UsageError('--labels labels the --calibration samples; pass both');
  return { modelDir: positional[0], out: flags.out, quantize, calibration: flags.calibration, labels: flags.labels, samples, runId: flags['run-id'] };
}

export async function runExport(args: ExportArgs, log: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  await tf.setBackend('cpu');
  const model = await loadLayersModelFromDir(args.modelDir);
  let x: tf.Tensor | tf.Tensor[];
  let calibration: tf.Tensor | undefined;
  if (args.calibration) {
    if (model.inputs.length !== 1) throw new Error(`--calibration files feed single-input models; this model has ${model.inputs.length} inputs`);
    const shape = model.inputs[0].shape.slice(1);
    if (shape.some((d) => d === null)) throw new Error(`the model input has unknown dims [${shape.join(', ')}]`);
    calibration = await readSamplesFile(args.calibration, shape as number[]);
    x = calibration.shape[0] > args.samples ? calibration.slice(0, args.samples) : calibration;
  } else {
    x = randomInputs(model, args.samples, 1);
  }
  const y = args.labels ? await readLabelsFile(args.labels) : undefined;
  if (y && y.shape[0] !== calibration!.shape[0]) throw new Error(`--labels has ${y.shape[0]} rows, --calibration has ${calibration!.shape[0]} samples`);
  const { bytes, report } = await exportAndVerify(model, {
    quantize: args.quantize,
    calibration,
    sample: { x, y: y && x !== calibration ? y.slice(0, args.samples) : y },
    runId: args.runId,
  });
  if (!args.calibration) report.notes.push(`verified on ${args.samples} seeded random inputs (no --calibration file): agreement is measured, accuracy is not`);
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
  const log = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) };
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
