import { z } from 'zod';
import { formatCount, JSON_LIMITS, valueDepth } from './json-limits';
import { StepAxes } from './step-axis';
import { WireNumberSchema } from './wire-number';

/**
 * The data model shared by the kernel worker, IndexedDB, the sync client and the server's route
 * handlers (DESIGN.md "Data model"). Timestamps are milliseconds since the Unix epoch.
 * Non-finite numbers: inside the browser they are plain JS numbers; on the wire (JSON) use the
 * `Wire*` schemas, which accept the tokens of wire-number.ts.
 */

/**
 * Milliseconds since the epoch, as both databases store them (BIGINT): a whole number within
 * JavaScript's safe range (±2^53, far inside BIGINT's ±2^63), so nothing is rounded or refused
 * by PostgreSQL after validation passed.
 */
export const EpochMs = z.number().int('must be whole milliseconds since the epoch');

/** A free-form JSON object (a run's config, artifact meta) whose nesting stays within JSON_LIMITS.valueDepth. */
export const JsonRecord = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const limit = JSON_LIMITS.valueDepth;
  if (valueDepth(value, limit) > limit) ctx.addIssue({ code: 'custom', message: `nests more than ${formatCount(limit)} levels of objects and arrays; the limit is ${formatCount(limit)}` });
});

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'ids use letters, digits, "_", "-" and "."');

export const RunStatus = z.enum(['running', 'finished', 'failed', 'crashed', 'stopped']);
export type RunStatus = z.infer<typeof RunStatus>;

export const BackendName = z.enum(['webgpu', 'webgl', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendName>;

/** Where the run executed. `backend` is the one that actually ran, not the one asked for. */
export const RunEnv = z.object({
  backend: z.string(),
  adapter: z.string().nullable(),
  browser: z.string(),
  tfjsVersion: z.string(),
  seed: z.number().int().nullable(),
  /** tf.memory() at the end of the run (numTensors, numBytes, …). */
  memory: z.record(z.string(), z.number()).optional(),
  /** What each metric's step counts (see step-axis.ts); absent: generic steps. */
  stepAxes: StepAxes.optional(),
});
export type RunEnv = z.infer<typeof RunEnv>;

/** Per-metric summary kept on the run, so lists need not read metric history. */
export const MetricSummary = z.object({
  last: z.number(),
  min: z.number(),
  max: z.number(),
  /** Step of the last logged point. */
  step: z.number(),
  count: z.number().int(),
});
export type MetricSummary = z.infer<typeof MetricSummary>;

export const WireMetricSummary = z.object({
  last: WireNumberSchema,
  min: WireNumberSchema,
  max: WireNumberSchema,
  step: z.number(),
  count: z.number().int(),
});

export const CodeSnapshot = z.object({
  cells: z.array(z.object({ cellId: z.string(), source: z.string() })),
  /** sha256 (hex) of the cells' sources joined in order. */
  sha256: z.string(),
});
export type CodeSnapshot = z.infer<typeof CodeSnapshot>;

const runFields = {
  id: IdSchema,
  projectId: IdSchema,
  notebookId: z.string().max(64).nullable(),
  name: z.string().max(256),
  status: RunStatus,
  /** Why the run ended the way it did (e.g. "hyperband: stopped at epoch 3", an error message). */
  statusReason: z.string().max(4000).nullable(),
  /** Every hyperparameter, as given. */
  config: JsonRecord,
  env: RunEnv,
  code: CodeSnapshot.nullable(),
  datasetFingerprint: z.string().max(256).nullable(),
  sweepId: z.string().max(64).nullable(),
  trialId: z.string().max(64).nullable(),
  owner: z.string().max(128).nullable(),
  /** Free-form string tags (MLflow tags land here). */
  tags: z.record(z.string(), z.string()),
  source: z.enum(['browser', 'mlflow']),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  finishedAt: EpochMs.nullable(),
};

export const Run = z.object({ ...runFields, summary: z.record(z.string(), MetricSummary) });
export type Run = z.infer<typeof Run>;

/** A run as JSON carries it (summary values may be NaN/Infinity tokens). */
export const WireRun = z.object({ ...runFields, summary: z.record(z.string(), WireMetricSummary) });

/** One logged value: keyed by (runId, key, step), so re-sending it changes nothing. */
export const MetricPoint = z.object({
  runId: IdSchema,
  key: z.string().min(1).max(250),
  step: z.number().int().min(0),
  value: z.number(),
  timeMs: z.number(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const ArtifactKind = z.enum(['checkpoint', 'onnx', 'onnx-int8', 'file']);
export type ArtifactKind = z.infer<typeof ArtifactKind>;

export const Artifact = z.object({
  id: IdSchema,
  runId: IdSchema,
  name: z.string().min(1).max(256),
  kind: ArtifactKind,
  sizeBytes: z.number().int().min(0),
  /** Hex sha256 of the bytes; the server checks it on upload. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: EpochMs,
  /** Free-form details (e.g. epoch of a checkpoint, export report of an ONNX file). */
  meta: JsonRecord.optional(),
});
export type Artifact = z.infer<typeof Artifact>;

export const Project = z.object({
  id: IdSchema,
  name: z.string().min(1).max(256),
  createdAt: z.number(),
});
export type Project = z.infer<typeof Project>;

/** The default project every browser run lands in unless the notebook names another. */
export const DEFAULT_PROJECT_ID = 'default';
