import { QUANTIZE_MODES, type QuantizeMode } from '../report';
import { DEFAULT_VERIFY_SECONDS } from '../verify-plan';
import { parseInputShape } from './input-shapes';

/** `benchtop export` arguments: parsed and checked before any model is loaded. */
export const USAGE = `usage: benchtop export <dir with model.json + weights> --out <model.onnx>
  [--quantize none|int8|int8-static|fp16]  default int8 (weight-only per-channel scales)
  [--precision fp32|int8|int8-static|fp16] the same choice by another name (fp32 = none);
                                        fp16: weights and activations in half precision
  [--calibration <file.json|file.bin>]  samples for int8-static, also used to verify
  [--labels <file.json>]                class indices or one-hot rows for the samples (accuracy)
  [--samples <n>]                       random samples to verify on without a file (default 256)
  [--input-shape 1x64x64x3]             per input (repeat, in order), for inputs with unknown dims
                                        (default: unknown dims become 64)
  [--verify-seconds <s>]                verification budget (default ${DEFAULT_VERIFY_SECONDS}); one sample is timed
                                        first and the sample count and timed repeats fit the budget
  [--run-id <id>]                       stored in the model metadata`;

const VALUE_FLAGS = ['out', 'quantize', 'precision', 'calibration', 'labels', 'samples', 'run-id', 'input-shape', 'verify-seconds'] as const;
/** Flags that may be given more than once (values kept in order). */
const REPEATABLE: readonly Flag[] = ['input-shape'];
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
  /** Per model input, batch first; empty when not given. */
  inputShapes: number[][];
  verifySeconds: number;
}

function positiveNumber(flag: string, text: string | undefined, fallback: number, integer: boolean): number {
  const value = Number(text ?? fallback);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new UsageError(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`);
  return value;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const [command, ...rest] = argv;
  if (command !== 'export') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const flags: Partial<Record<Flag, string>> = {};
  const repeated: Partial<Record<Flag, string[]>> = {};
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
    if (REPEATABLE.includes(name)) (repeated[name] ??= []).push(value);
    else if (flags[name] !== undefined) throw new UsageError(`--${name} was given twice`);
    else flags[name] = value;
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? `expected one model directory, got ${positional.join(' ')}` : 'missing the model directory');
  if (!flags.out) throw new UsageError('missing --out <model.onnx>');
  if (flags.quantize && flags.precision) throw new UsageError('--quantize and --precision choose the same thing; pass one');
  const quantize = (flags.precision === 'fp32' ? 'none' : (flags.precision ?? flags.quantize ?? 'int8')) as QuantizeMode;
  if (!QUANTIZE_MODES.includes(quantize)) {
    throw new UsageError(flags.precision ? `--precision must be one of fp32, int8, int8-static, fp16, got '${flags.precision}'` : `--quantize must be one of ${QUANTIZE_MODES.join(', ')}, got '${flags.quantize}'`);
  }
  const samples = positiveNumber('samples', flags.samples, 256, true);
  const verifySeconds = positiveNumber('verify-seconds', flags['verify-seconds'], DEFAULT_VERIFY_SECONDS, false);
  if (quantize === 'int8-static' && !flags.calibration) throw new UsageError('--quantize int8-static needs --calibration <file> (a sample of the training inputs)');
  if (flags.labels && !flags.calibration) throw new UsageError('--labels labels the --calibration samples; pass both');
  const inputShapes = (repeated['input-shape'] ?? []).map((text) => {
    const dims = parseInputShape(text);
    if (typeof dims === 'string') throw new UsageError(dims);
    return dims;
  });
  return { modelDir: positional[0], out: flags.out, quantize, calibration: flags.calibration, labels: flags.labels, samples, runId: flags['run-id'], inputShapes, verifySeconds };
}
