import { z } from 'zod';
import { WireNumberSchema } from '@/lib/track/wire-number';
import { WireSweepStateSchema } from './state-json';

/**
 * The HTTP contract of `/api/v1/sweeps` (one zod schema per wire type), shared by the route
 * handlers (lib/server/sweeps), the agent's client (http-client.ts) and the sweep page. Request
 * schemas parse wire numbers (NaN/±Infinity tokens) into JS numbers.
 *
 *   POST /api/v1/sweeps                 CreateSweepRequest → 201 SweepResponse
 *   GET  /api/v1/sweeps?projectId=      → SweepListResponse
 *   GET  /api/v1/sweeps/:id             → SweepResponse
 *   POST /api/v1/sweeps/:id/stop        StopSweepRequest → SweepResponse
 *   POST /api/v1/sweeps/:id/lease       LeaseRequest → LeaseResponse (a trial, wait, or done)
 *   POST /api/v1/sweeps/:id/renew       RenewRequest → RenewResponse
 *   POST /api/v1/sweeps/:id/report      ReportRequest → ReportResponse (continue, or stop + reason)
 *   POST /api/v1/sweeps/:id/finish      FinishRequest → FinishResponse
 */

export const SweepIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'sweep ids use letters, digits, "_", "-" and "."');
const AgentId = z.string().min(1).max(128);
const TrialId = z.string().min(1).max(64);
const RunId = z.string().min(1).max(64);

/** Leases are renewed every third of this; a tab that stops renewing loses its trial after it. */
export const DEFAULT_LEASE_MS = 30_000;
export const LEASE_MS_RANGE = { min: 100, max: 3_600_000 } as const;

/** The notebook code an agent runs before its first trial (the cells that define the training function). */
export const SweepCodeSchema = z.object({
  cells: z.array(z.object({ cellId: z.string().max(64), source: z.string().max(200_000) })).max(200),
});

/** A JavaScript identifier naming the training function in the notebook code. */
export const FunctionNameSchema = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, 'must be a JavaScript identifier such as trainTrial');

export const CreateSweepRequest = z.object({
  projectId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/).default('default'),
  name: z.string().max(256).optional(),
  /** W&B sweep config: YAML/JSON text (errors then name the line) or an object. */
  spec: z.union([z.string().max(200_000), z.record(z.string(), z.unknown())]),
  /**
   * The text to keep as the sweep's config when it differs from `spec`: a sweep cell sends its
   * own text (cell keys such as `function:` included) here and the bare W&B config as `spec`.
   */
  specSource: z.string().max(200_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  code: SweepCodeSchema.nullable().default(null),
  functionName: FunctionNameSchema.nullable().default(null),
  notebookId: z.string().max(64).nullable().default(null),
  leaseMs: z.number().int().min(LEASE_MS_RANGE.min).max(LEASE_MS_RANGE.max).default(DEFAULT_LEASE_MS),
  /** A class sweep (issue 12): that class's students may join it as agents. The class must exist. */
  classId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/).nullable().default(null),
});
export type CreateSweepRequestJson = z.input<typeof CreateSweepRequest>;

/** Which run (in the agent's browser, synced later) a trial's attempt produced. */
export const TrialRunLinkSchema = z.object({
  trialId: z.string(),
  runId: z.string(),
  agentId: z.string(),
  attempt: z.number().int(),
  createdAt: z.number(),
});
export type TrialRunLink = z.infer<typeof TrialRunLinkSchema>;

export const SweepRecordSchema = z.object({
  id: SweepIdSchema,
  projectId: z.string(),
  name: z.string().nullable(),
  /** 'server': agents lease trials from /api/v1; 'local': one notebook's kernel ran it (IndexedDB only). */
  origin: z.enum(['server', 'local']),
  status: z.enum(['running', 'finished', 'stopped']),
  reason: z.string().nullable(),
  /** The config as the user wrote it (YAML text or JSON). */
  specSource: z.string(),
  state: WireSweepStateSchema,
  code: SweepCodeSchema.nullable(),
  functionName: z.string().nullable(),
  notebookId: z.string().nullable(),
  leaseMs: z.number().int(),
  /** The class whose students may join as agents; null: the workspace's own sweep. */
  classId: z.string().nullable().default(null),
  runs: z.array(TrialRunLinkSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
/** A sweep as JSON carries it (state values as wire numbers). */
export type SweepRecordJson = z.input<typeof SweepRecordSchema>;
/** A sweep with its state parsed (NaN/±Infinity as numbers). */
export type SweepRecord = z.output<typeof SweepRecordSchema>;

export const SweepResponse = z.object({ sweep: SweepRecordSchema });

/** A row of the sweeps list: enough for a table, without every trial. */
export const SweepSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string().nullable(),
  origin: z.enum(['server', 'local']),
  status: z.enum(['running', 'finished', 'stopped']),
  reason: z.string().nullable(),
  method: z.string(),
  metric: z.object({ name: z.string(), goal: z.string() }).nullable(),
  trials: z.number().int(),
  /** Trials per status (pending, leased, running, finished, stopped, failed). */
  counts: z.record(z.string(), z.number().int()),
  best: WireNumberSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type SweepSummary = z.output<typeof SweepSummarySchema>;
export const SweepListResponse = z.object({ sweeps: z.array(SweepSummarySchema) });

export const StopSweepRequest = z.object({ reason: z.string().min(1).max(500).optional() });

export const LeaseRequest = z.object({ agentId: AgentId });
export const LeaseResponse = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trial'),
    trialId: z.string(),
    index: z.number().int(),
    config: z.record(z.string(), z.unknown()),
    attempt: z.number().int(),
    leaseExpiresAtMs: z.number().nullable(),
    /** Renew well before this runs out (every third of it). */
    leaseMs: z.number().int(),
    /** The sweep metric the agent must report each epoch (null: the spec names none). */
    metric: z.object({ name: z.string(), goal: z.enum(['minimize', 'maximize']) }).nullable(),
  }),
  z.object({ kind: z.literal('wait'), reason: z.string(), retryAfterMs: z.number().nullable() }),
  z.object({ kind: z.literal('done'), reason: z.string() }),
]);
export type LeaseResponse = z.infer<typeof LeaseResponse>;

export const RenewRequest = z.object({ agentId: AgentId, trialId: TrialId });
export const RenewResponse = z.union([
  z.object({ ok: z.literal(true), leaseExpiresAtMs: z.number().nullable() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type RenewResponse = z.infer<typeof RenewResponse>;

export const ReportRequest = z.object({
  agentId: AgentId,
  trialId: TrialId,
  epoch: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  value: WireNumberSchema,
  runId: RunId.optional(),
});
export const ReportResponse = z.union([
  z.object({ continue: z.literal(true) }),
  z.object({ stop: z.literal(true), reason: z.string() }),
]);
export type ReportResponse = z.infer<typeof ReportResponse>;

export const FinishRequest = z.object({
  agentId: AgentId,
  trialId: TrialId,
  status: z.enum(['finished', 'stopped', 'failed']),
  metric: WireNumberSchema.nullable().optional(),
  reason: z.string().max(4000).optional(),
  runId: RunId.optional(),
});
export const FinishResponse = z.union([
  z.object({ accepted: z.literal(true) }),
  z.object({ accepted: z.literal(false), reason: z.string() }),
]);
export type FinishResponse = z.infer<typeof FinishResponse>;
