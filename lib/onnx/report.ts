/** What an export produced and how well it matches the tfjs model it came from. */

/** 'fp16': weights and activations in half precision (Cast at the float inputs and outputs). */
export type QuantizeMode = 'none' | 'int8' | 'int8-static' | 'fp16';
export type ModelFormat = 'fp32' | 'int8' | 'int8-static' | 'fp16';
export const QUANTIZE_MODES: readonly QuantizeMode[] = ['none', 'int8', 'int8-static', 'fp16'];

export function formatOf(mode: QuantizeMode): ModelFormat {
  return mode === 'none' ? 'fp32' : mode;
}

export interface Tolerances {
  /**
   * fp32 ONNX vs tfjs, max |difference| over every output value, per unit of output magnitude:
   * the limit is this × max(1, largest |tfjs output|), so a super-resolution net emitting pixels
   * in [0, 255] gets the same relative float32 slack as a classifier emitting probabilities.
   */
  fp32MaxAbsDiff: number;
  /** Quantized vs tfjs: fraction of samples with the same arg-max class. */
  int8MinTop1Agreement: number;
  /** Quantized accuracy may be at most this many points (percent) below fp32's. */
  int8MaxAccuracyDropPoints: number;
  /** Quantized file size / fp32 file size, checked for fp32 files over `sizeRatioAboveBytes`. */
  int8MaxSizeRatio: number;
  sizeRatioAboveBytes: number;
  /** Image outputs (rank ≥ 4, not class scores): quantized vs tfjs PSNR in dB, at least. */
  int8MinPsnrDb: number;
  /** fp16 file size / fp32 file size (same size threshold as int8). */
  fp16MaxSizeRatio: number;
}

export const DEFAULT_TOLERANCES: Tolerances = {
  fp32MaxAbsDiff: 1e-5,
  int8MinTop1Agreement: 0.99,
  int8MaxAccuracyDropPoints: 0.5,
  int8MaxSizeRatio: 0.3,
  sizeRatioAboveBytes: 100 * 1024,
  int8MinPsnrDb: 35,
  fp16MaxSizeRatio: 0.55,
};

/** One exported file run in onnxruntime-web against tfjs's `model.predict` on the same inputs. */
export interface ModelCheck {
  format: ModelFormat;
  sizeBytes: number;
  maxAbsDiff: number;
  /** Largest |value| of tfjs's outputs on the sample (scales the fp32 tolerance). */
  referenceMaxAbs: number;
  /** Image outputs only: PSNR in dB against tfjs (peak = the reference's value range); null for class scores. */
  psnrDb: number | null;
  /** Fraction 0..1 of samples whose predicted class matches tfjs; null when outputs are not class scores. */
  top1Agreement: number | null;
  /** Fraction 0..1 correct on the labelled sample; null without labels. */
  accuracy: number | null;
  /** Median milliseconds per batch by execution provider; null where the provider could not run. */
  latencyMsPerBatch: { wasm: number; webgpu: number | null };
}

export interface ExportReport {
  passed: boolean;
  /** Each failed tolerance, with by how much. */
  failures: string[];
  /** Facts worth knowing that are not failures (provider fallbacks, calibration source…). */
  notes: string[];
  quantize: QuantizeMode;
  runId: string | null;
  sourceFramework: string;
  sample: { count: number; batchSize: number; labelled: boolean };
  /** How the sample count and timed repeats were chosen: one sample timed first, then fit to the budget. */
  plan: { requested: number; repeats: number; budgetSeconds: number; msPerSample: { tfjs: number; onnx: number } };
  tfjs: { backend: string; accuracy: number | null; latencyMsPerBatch: number };
  /** fp32 first, then the quantized file when one was asked for. */
  models: ModelCheck[];
  /** Quantized size / fp32 size; null for fp32-only exports. */
  sizeRatio: number | null;
  tolerances: Tolerances;
}

const fmt = (x: number) => (Math.abs(x) >= 0.01 ? x.toFixed(4) : x.toExponential(2));
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** The tolerance failures of one check, as sentences saying by how much. */
export function toleranceFailures(check: ModelCheck, fp32: ModelCheck, t: Tolerances): string[] {
  const failures: string[] = [];
  if (check.format === 'fp32') {
    const scale = Math.max(1, check.referenceMaxAbs);
    const limit = t.fp32MaxAbsDiff * scale;
    if (!(check.maxAbsDiff <= limit)) {
      const of = scale > 1 ? ` (${fmt(t.fp32MaxAbsDiff)} × the largest |output| ${fmt(scale)})` : '';
      failures.push(`fp32: max abs diff ${fmt(check.maxAbsDiff)} exceeds ${fmt(limit)}${of} by ${fmt(check.maxAbsDiff - limit)}`);
    }
    return failures;
  }
  const name = check.format;
  if (check.top1Agreement !== null && !(check.top1Agreement >= t.int8MinTop1Agreement - 1e-12)) {
    failures.push(`${name}: top-1 agreement ${pct(check.top1Agreement)} is below ${pct(t.int8MinTop1Agreement)} by ${((t.int8MinTop1Agreement - check.top1Agreement) * 100).toFixed(2)} points`);
  }
  if (check.psnrDb !== null && !(check.psnrDb >= t.int8MinPsnrDb)) {
    failures.push(`${name}: PSNR ${check.psnrDb.toFixed(1)} dB against tfjs is below ${t.int8MinPsnrDb} dB by ${(t.int8MinPsnrDb - check.psnrDb).toFixed(1)} dB`);
  }
  if (check.accuracy !== null && fp32.accuracy !== null) {
    const drop = (fp32.accuracy - check.accuracy) * 100;
    // 1e-9: a drop of exactly the allowance (e.g. 1 sample in 200) must not fail on float noise.
    if (!(drop <= t.int8MaxAccuracyDropPoints + 1e-9)) {
      failures.push(`${name}: accuracy ${pct(check.accuracy)} is ${drop.toFixed(2)} points below fp32 (${pct(fp32.accuracy)}); allowed ${t.int8MaxAccuracyDropPoints}`);
    }
  }
  if (fp32.sizeBytes > t.sizeRatioAboveBytes) {
    const ratio = check.sizeBytes / fp32.sizeBytes;
    const limit = name === 'fp16' ? t.fp16MaxSizeRatio : t.int8MaxSizeRatio;
    if (!(ratio <= limit)) {
      failures.push(`${name}: file is ${pct(ratio)} of fp32 (${check.sizeBytes} / ${fp32.sizeBytes} bytes), above ${pct(limit)} by ${((ratio - limit) * 100).toFixed(2)} points`);
    }
  }
  if (!Number.isFinite(check.maxAbsDiff)) failures.push(`${name}: outputs contain NaN or Infinity where tfjs's do not`);
  return failures;
}
