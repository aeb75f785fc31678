/**
 * How much verification a model can afford. A 22 MB InceptionV3 costs a fraction of a second per
 * image where an MNIST MLP costs microseconds, so a fixed "256 samples, 10 timed repeats" either
 * wastes nothing or takes hours (issue 14: ~11 h on tfjs's cpu backend). The exporter times one
 * sample first (tfjs and onnxruntime), then picks the sample count, batch size and timed repeats
 * that fit the time budget. Pure: unit-tested without a model.
 */

/** Seconds of verification work aimed at when the caller gives no budget. */
export const DEFAULT_VERIFY_SECONDS = 60;
/** Never verify on fewer samples than this (or all of them, when fewer were given). */
export const MIN_VERIFY_SAMPLES = 16;
/** Timed repeats per file for cheap models (the median is reported). */
export const MAX_TIMED_REPEATS = 10;
/** A batch should take about this long: big enough to amortize calls, small enough for memory and progress. */
const TARGET_BATCH_MS = 4000;
/** Share of the budget for the timed repeats; the rest compares outputs. */
const TIMING_SHARE = 0.2;

export interface SampleCost {
  /** Milliseconds per sample of tfjs's `model.predict` (warm). */
  tfjsMs: number;
  /** Milliseconds per sample of the fp32 file in onnxruntime (warm); quantized files are assumed similar. */
  onnxMs: number;
}

export interface VerifyPlan {
  /** Samples offered by the caller. */
  requested: number;
  /** Samples actually compared (the first `count` rows). */
  count: number;
  batchSize: number;
  /** Timed repeats per file and for tfjs (median reported). */
  repeats: number;
  /** Estimated milliseconds of the whole verification (reference, every file, timing). */
  estimatedMs: number;
  budgetSeconds: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/**
 * `files` ONNX files are checked against one tfjs reference pass. `maxBatchSize` is the caller's
 * batch size (an upper bound).
 */
export function planVerification(opts: { requested: number; cost: SampleCost; files: number; maxBatchSize: number; budgetSeconds?: number }): VerifyPlan {
  const { requested, cost, files } = opts;
  if (!(requested >= 1)) throw new Error(`verification: the sample is empty (${requested} rows)`);
  const budgetSeconds = opts.budgetSeconds ?? DEFAULT_VERIFY_SECONDS;
  const budgetMs = budgetSeconds * 1000;
  const perSample = Math.max(cost.tfjsMs + files * cost.onnxMs, 1e-6);
  const floor = Math.min(requested, MIN_VERIFY_SAMPLES);
  const count = clamp(Math.floor((budgetMs * (1 - TIMING_SHARE)) / perSample), floor, requested);
  const slowest = Math.max(cost.tfjsMs, cost.onnxMs, 1e-6);
  const batchSize = clamp(Math.floor(TARGET_BATCH_MS / slowest), 1, opts.maxBatchSize);
  // One timed repeat runs a batch on tfjs and on each file.
  const repeatMs = Math.min(batchSize, count) * perSample;
  const repeats = clamp(Math.floor((budgetMs * TIMING_SHARE) / repeatMs), 1, MAX_TIMED_REPEATS);
  return { requested, count, batchSize, repeats, estimatedMs: count * perSample + repeats * repeatMs, budgetSeconds };
}

/** One sentence for the report when the plan verified fewer samples than given. */
export function planNote(plan: VerifyPlan, cost: SampleCost, backend: string): string | null {
  if (plan.count >= plan.requested) return null;
  const s = (ms: number) => (ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  return (
    `verified on the first ${plan.count} of ${plan.requested} samples: one sample takes ${s(cost.tfjsMs)} in tfjs (${backend}) and ${s(cost.onnxMs)} in onnxruntime, ` +
    `and the verification budget is ${plan.budgetSeconds} s (raise it with --verify-seconds / opts.verifySeconds)`
  );
}
