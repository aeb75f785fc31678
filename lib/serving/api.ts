import { z } from 'zod';

/**
 * Wire types of model serving (issue 15): predict, feedback, monitoring and alerts. Shared by the
 * route handlers, the pages and `bench:serve`; imports nothing but zod.
 */

export const SERVING_LIMITS = {
  /** A predict body, JSON or binary (16 MiB). */
  predictBytes: 16 * 1_048_576,
  /** Rows (batch entries) one request may send. */
  predictRows: 4_096,
  /** Rank of one input tensor. */
  inputRank: 8,
  /** Small JSON bodies (feedback, alert rules, webhook). */
  smallJsonBytes: 16_384,
} as const;

/** Dims of a binary predict body: `X-Benchtop-Dims: 1,784` (or `?dims=1,784`). */
export const DIMS_HEADER = 'x-benchtop-dims';

/** One input: a nested array (dims read from its nesting) or flat `data` with explicit `dims`. */
export const PredictTensor = z.union([
  z.object({ dims: z.array(z.number().int().min(0)).max(SERVING_LIMITS.inputRank), data: z.array(z.number()) }).strict(),
  z.array(z.unknown()),
]);
export type PredictTensor = z.infer<typeof PredictTensor>;

export const PredictRequest = z
  .object({
    inputs: z.record(z.string().min(1).max(256), PredictTensor),
  })
  .strict();
export type PredictRequest = z.infer<typeof PredictRequest>;

export const OutputTensor = z.object({ dims: z.array(z.number().int()), dtype: z.string(), data: z.array(z.number()) });
export type OutputTensor = z.infer<typeof OutputTensor>;

export const PredictResponse = z.object({
  model: z.string(),
  version: z.number().int(),
  /** Send it back with a label to POST …/feedback. */
  predictionId: z.string(),
  outputs: z.record(z.string(), OutputTensor),
  /** Arg-max of the first output's last axis, one per row, when it holds class scores (2-D, > 1 column). */
  classes: z.array(z.number().int()).nullable(),
  /** Rows that ran together in one onnxruntime call (dynamic batching). */
  batchRows: z.number().int(),
  latencyMs: z.number(),
});
export type PredictResponse = z.infer<typeof PredictResponse>;

/** What a model input expects, as a 400 names it. Symbolic dims (the batch) are strings. */
export const ExpectedInput = z.object({ name: z.string(), dims: z.array(z.union([z.number(), z.string()])), dtype: z.string() });
export type ExpectedInput = z.infer<typeof ExpectedInput>;

export const FeedbackRequest = z
  .object({
    predictionId: z.string().min(1).max(64),
    /** The true class of the prediction's first row. */
    label: z.number().int().min(0).max(1_000_000),
  })
  .strict();
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

export function expectedInputText(e: ExpectedInput): string {
  return `"${e.name}" dims [${e.dims.join(', ')}] ${e.dtype}`;
}

/** One minute of one version's traffic. Latencies in ms (histogram bucket bounds, ±12%). */
export const MonitoringPoint = z.object({
  minute: z.number(),
  requests: z.number().int(),
  errors: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  rssBytes: z.number(),
});
export type MonitoringPoint = z.infer<typeof MonitoringPoint>;

export const VersionMonitoring = z.object({
  version: z.number().int(),
  series: z.array(MonitoringPoint),
  totals: z.object({ requests: z.number().int(), errors: z.number().int(), errorRate: z.number().nullable(), p50Ms: z.number().nullable(), p95Ms: z.number().nullable(), p99Ms: z.number().nullable() }),
  /** Predicted class → count over the window. */
  classes: z.record(z.string(), z.number()),
  /** null: the version has no drift reference (its export kept none and none was sent). */
  drift: z
    .object({
      /** input → statistic → PSI (null: no rows yet). */
      psi: z.record(z.string(), z.record(z.string(), z.number().nullable())),
      maxPsi: z.number().nullable(),
      /** Rows compared so far in the window. */
      rows: z.number().int(),
      /** maxPsi > threshold with at least minRows rows. */
      flagged: z.boolean(),
      threshold: z.number(),
      minRows: z.number().int(),
    })
    .nullable(),
  accuracy: z.object({
    labelled: z.number().int(),
    correct: z.number().int(),
    accuracy: z.number().nullable(),
    series: z.array(z.object({ minute: z.number(), labelled: z.number().int(), correct: z.number().int() })),
  }),
});
export type VersionMonitoring = z.infer<typeof VersionMonitoring>;

export const MonitoringResponse = z.object({ name: z.string(), sinceMs: z.number(), versions: z.array(VersionMonitoring) });
export type MonitoringResponse = z.infer<typeof MonitoringResponse>;

export const MonitoringQuery = z.object({
  /** Minutes back from now (default 60, at most 7 days). */
  minutes: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  version: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

/** PUT …/monitoring/reference: validation rows to compare served inputs against. */
export const ReferenceRequest = PredictRequest;

const StatReferenceSchema = z.object({ edges: z.array(z.number()).max(64), expected: z.array(z.number().min(0).max(1)).max(65) });
/** lib/serving/drift.ts's DriftReference, checked where it is read back (artifact meta, database). */
export const DriftReferenceSchema = z.object({
  rows: z.number().int().min(0),
  inputs: z.record(z.string(), z.object({ mode: z.enum(['features', 'summary']), rowSize: z.number().int().min(1), stats: z.record(z.string(), StatReferenceSchema) })),
});
