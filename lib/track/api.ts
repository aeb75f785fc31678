import { z } from 'zod';
import { Artifact, IdSchema, Project, Run, WireMetricSummary, WireRun } from './schemas';
import { NonFiniteToken, toWireNumber, WireNumberSchema, type WireNumber } from './wire-number';
import { WireRunListItem, type RunListItem } from './run-list';

/**
 * The HTTP contract of `/api/v1/` (issue 3): one zod schema per wire type, shared by the route
 * handlers (lib/server/http) and the sync client (lib/track/sync.ts). Request schemas parse wire
 * numbers into JS numbers (NaN/±Infinity included); response types carry wire numbers.
 */

/** Limits in the spirit of MLflow's log-batch; answered with 413 and a message naming them. */
export const API_LIMITS = {
  /** Body of a metric batch (1 MiB). */
  metricBatchBytes: 1_048_576,
  /** Points in one metric batch. */
  metricBatchPoints: 10_000,
  /** Body of a run upsert (config + code snapshot) (4 MiB). */
  runBytes: 4 * 1_048_576,
  /** Body of small JSON requests (projects, shares) (64 KiB). */
  smallJsonBytes: 65_536,
  /** Largest `maxPoints` a history read may ask for. */
  historyMaxPoints: 100_000,
  /** Default `maxPoints` of a history read (about one point per chart pixel). */
  historyDefaultPoints: 1_000,
  /** Default and largest page of GET /api/v1/runs. */
  runListDefaultLimit: 500,
  runListMaxLimit: 5_000,
  /** Largest base64url artifact metadata header. */
  artifactMetaHeaderBytes: 8_192,
} as const;

/** Hex sha256 of an artifact's bytes, checked by the server (422 on mismatch). */
export const SHA256_HEADER = 'x-benchtop-sha256';
/** Artifact metadata (the `Artifact` minus bytes) as base64url-encoded JSON. */
export const ARTIFACT_META_HEADER = 'x-benchtop-artifact';

export const ErrorCode = z.enum([
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'checksum_mismatch',
  'rate_limited',
  'bad_filter',
  'internal',
  'unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every non-2xx answer. `field` is a dotted path into the body or query (e.g. `points.3.value`). */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    field: z.string().optional(),
    /** bad_filter: where in the field's text the error is (UTF-16 offset and length). */
    offset: z.number().int().optional(),
    length: z.number().int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ── runs ────────────────────────────────────────────────────────────────────────────────────

/** PUT /api/v1/runs/:runId — body is the whole run (last writer by `updatedAt` wins). */
export const PutRunRequest = WireRun;
export type WireRunJson = z.input<typeof WireRun>;
export const PutRunResponse = z.object({
  run: WireRun,
  /** False when the server already had a newer version (`updatedAt`) and kept it. */
  applied: z.boolean(),
});
export const RunResponse = z.object({ run: WireRun });
export const RunListQuery = z.object({
  projectId: IdSchema.optional(),
  sweepId: z.string().max(64).optional(),
  /** A class's runs, or one student's (issue 12). */
  classId: IdSchema.optional(),
  studentId: IdSchema.optional(),
  /** Rows per page; follow `nextCursor` for the rest (a list never silently stops). */
  limit: z.coerce.number().int().min(1).max(API_LIMITS.runListMaxLimit).default(API_LIMITS.runListDefaultLimit),
  /** Opaque; from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});
/** GET /api/v1/runs — lean rows (lib/track/run-list.ts); the full run is GET /api/v1/runs/:id. */
export const RunListResponse = z.object({ runs: z.array(WireRunListItem), nextCursor: z.string().nullable() });

/** Summary values as wire numbers (NaN/±Infinity as tokens). */
export function summaryToWire(summary: Run['summary']): Record<string, z.input<typeof WireMetricSummary>> {
  const out: Record<string, z.input<typeof WireMetricSummary>> = {};
  for (const [key, s] of Object.entries(summary)) {
    out[key] = { ...s, last: toWireNumber(s.last), min: toWireNumber(s.min), max: toWireNumber(s.max) };
  }
  return out;
}

/** A run on the wire: summary values as wire numbers. */
export function runToWire(run: Run): WireRunJson {
  return { ...run, summary: summaryToWire(run.summary) };
}

export function runListItemToWire(item: RunListItem): WireRunListItem {
  return { ...item, summary: summaryToWire(item.summary) };
}

// ── metrics ─────────────────────────────────────────────────────────────────────────────────

/** One point inside a batch; the run comes from the URL. */
export const WireMetricPointIn = z.object({
  key: z.string().min(1).max(250),
  step: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  value: WireNumberSchema,
  /** Wall time in ms since the epoch; stored rounded to whole milliseconds (BIGINT: ≤ 2^53 here). */
  timeMs: z.number().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * One key's points as parallel arrays: the compact form the sync client sends (keys are not
 * repeated, and arrays of numbers parse several times faster than arrays of objects).
 */
export const WireMetricColumnsIn = z
  .object({
    key: z.string().min(1).max(250),
    steps: z.array(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
    values: z.array(WireNumberSchema),
    timesMs: z.array(z.number().min(0).max(Number.MAX_SAFE_INTEGER)),
  })
  .superRefine((c, ctx) => {
    for (const field of ['values', 'timesMs'] as const) {
      if (c[field].length !== c.steps.length) {
        ctx.addIssue({ code: 'custom', path: [field], message: `has ${c[field].length} entries but steps has ${c.steps.length}` });
      }
    }
  });
export type WireMetricColumnsJson = z.input<typeof WireMetricColumnsIn>;

/**
 * POST /api/v1/runs/:runId/metrics — points as objects (`points`), as columns per key
 * (`series`), or both. At most API_LIMITS.metricBatchPoints points in all.
 */
export const MetricBatchRequest = z.object({
  points: z.array(WireMetricPointIn).default([]),
  series: z.array(WireMetricColumnsIn).default([]),
});
export type MetricBatchRequestJson = z.input<typeof MetricBatchRequest>;

/** Points in a batch body before validation (for the 413 check), or undefined if unknown. */
export function countBatchPoints(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { points, series } = value as { points?: unknown; series?: unknown };
  let n = Array.isArray(points) ? points.length : 0;
  if (Array.isArray(series)) for (const s of series) n += Array.isArray((s as { steps?: unknown } | null)?.steps) ? (s as { steps: unknown[] }).steps.length : 0;
  return n;
}
export const MetricBatchResponse = z.object({ accepted: z.number().int() });

/** GET /api/v1/runs/:runId/metrics/history?key=…&maxPoints=…&minStep=…&maxStep=… */
export const HistoryQuery = z.object({
  key: z.string().min(1).max(250),
  maxPoints: z.coerce.number().int().min(2).max(API_LIMITS.historyMaxPoints).default(API_LIMITS.historyDefaultPoints),
  minStep: z.coerce.number().int().min(0).optional(),
  maxStep: z.coerce.number().int().min(0).optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/**
 * One point of a history answer. Raw points have only step/value/timeMs. A downsampled point
 * stands for a bucket: step/value/timeMs are its last point, min/max ignore NaN (NaN when every
 * value was NaN), count counts the points it stands for.
 */
export const HistoryPoint = z.object({
  step: z.number(),
  value: WireNumberSchema,
  timeMs: z.number(),
  min: WireNumberSchema.optional(),
  max: WireNumberSchema.optional(),
  count: z.number().int().optional(),
});
export const HistoryResponse = z.object({
  runId: z.string(),
  key: z.string(),
  downsampled: z.boolean(),
  /** Steps per bucket when downsampled, else 1. */
  bucketWidth: z.number().int(),
  points: z.array(HistoryPoint),
});

/** GET /api/v1/runs/:runId/metrics/keys */
export const MetricKeyInfo = z.object({
  key: z.string(),
  count: z.number().int(),
  minStep: z.number(),
  maxStep: z.number(),
  last: WireNumberSchema,
  min: WireNumberSchema,
  max: WireNumberSchema,
});
export type MetricKeyInfoWire = z.input<typeof MetricKeyInfo>;
export const MetricKeysResponse = z.object({ keys: z.array(MetricKeyInfo) });

export function wireNumber(value: number | null): WireNumber {
  return value === null ? 'NaN' : toWireNumber(value);
}
export { NonFiniteToken };

// ── artifacts ───────────────────────────────────────────────────────────────────────────────

/** Metadata sent in ARTIFACT_META_HEADER with PUT /api/v1/runs/:runId/artifacts/:artifactId. */
export const ArtifactMetaHeader = Artifact;
export const ArtifactResponse = z.object({ artifact: Artifact });
export const ArtifactListResponse = z.object({ artifacts: z.array(Artifact) });

export function encodeArtifactMeta(meta: Artifact): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(meta)));
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(text: string): Uint8Array {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// ── projects ────────────────────────────────────────────────────────────────────────────────

export const CreateProjectRequest = z.object({ id: IdSchema.optional(), name: z.string().min(1).max(256) });
export const ProjectResponse = z.object({ project: Project });
export const ProjectListResponse = z.object({ projects: z.array(Project) });

// ── shares ──────────────────────────────────────────────────────────────────────────────────

/** Share tokens: 128 random bits or more, base64url (22+ characters). */
export const ShareToken = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'not a share token');
export const Share = z.object({
  token: ShareToken,
  runId: IdSchema,
  createdAt: z.number(),
  /** Path of the read-only page, relative to the server's origin. */
  path: z.string(),
  /** Whether the link shows the run's code snapshot (chosen by the sharer; off by default). */
  includeCode: z.boolean(),
});
export type Share = z.infer<typeof Share>;
/** POST /api/v1/runs/:runId/shares — an empty body means the defaults. */
export const CreateShareRequest = z.strictObject({ includeCode: z.boolean().default(false) });
export type CreateShareRequest = z.input<typeof CreateShareRequest>;
export const ShareResponse = z.object({ share: Share });
export const ShareListResponse = z.object({ shares: z.array(Share) });
/** GET /api/v1/shares/:token — what a share link may see. */
export const SharedRunResponse = z.object({
  /** `run.code` is null unless the sharer included the code. */
  includeCode: z.boolean(),
  run: WireRun,
  metricKeys: z.array(MetricKeyInfo),
  artifacts: z.array(Artifact),
});

export function sharePath(token: string): string {
  return `/share/${token}`;
}

// ── health ──────────────────────────────────────────────────────────────────────────────────

/** GET /api/v1/health — no auth; tells a client whether its credentials may write. */
export const HealthResponse = z.object({
  ok: z.literal(true),
  database: z.enum(['sqlite', 'postgres']),
  /** How this request was authorized: by token, as trusted local use, as a class's student, or not at all. */
  access: z.enum(['token', 'local', 'student', 'none']),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
