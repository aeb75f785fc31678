import { z } from 'zod';
import { EpochMs, IdSchema, RunStatus } from './schemas';
import { ListParamValue } from './run-list';
import { WireNumberSchema } from './wire-number';

/**
 * Wire types of the runs query API (issue 13; /work/wt/RUNS-CONTRACT.md): one server-side query
 * over every run (filter language in ./run-filter), sorted by any column, paged by an opaque
 * keyset cursor. Shared by the route handlers, the /runs table and compare.
 */

export const RUN_QUERY_LIMITS = {
  /** Rows per page at most; the default is `defaultLimit`. */
  maxLimit: 500,
  defaultLimit: 100,
  /** Ids in one bulk request. */
  maxBulkIds: 1000,
  /** Markdown notes on one run, in UTF-8 bytes. */
  maxNotesBytes: 65_536,
  /** Tags on one run, key and value characters. */
  maxTags: 256,
  maxTagKeyChars: 250,
  maxTagValueChars: 5000,
  /** Matches counted exactly at most; past it `total` is estimated from a sample and `totalExact` false. */
  maxExactTotal: 1_000,
  /** Columns a query may ask for. */
  maxColumns: 200,
  /** Metrics a /groups request may aggregate. */
  maxGroupMetrics: 20,
  /** Runs a /groups answer aggregates at most; past it, a sample of about this many. */
  maxGroupRuns: 5_000,
  /** Days a soft-deleted run stays restorable before it is purged. */
  purgeAfterDays: 30,
} as const;

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');
/** `a,b` in a query string or a list in JSON. */
const list = z.union([z.array(z.string()), z.string().transform((s) => (s === '' ? [] : s.split(',')))]);

/** GET /api/v1/runs/query (and query.csv / query.json). `sort`: "-metrics.loss.min,name" (default newest first). */
export const RunQuery = z.object({
  filter: z.string().optional(),
  sort: z.string().max(1000).optional(),
  cursor: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(RUN_QUERY_LIMITS.maxLimit).default(RUN_QUERY_LIMITS.defaultLimit),
  includeDeleted: bool.default(false),
  /** Fields in the language's syntax (`params.lr`, `metrics.loss`); absent: all scalar params and every metric. */
  columns: list.pipe(z.array(z.string().min(1)).max(RUN_QUERY_LIMITS.maxColumns)).optional(),
});
export type RunQuery = z.infer<typeof RunQuery>;
export type RunQueryInput = z.input<typeof RunQuery>;

/** A query as URL search params (the client's side of RunQuery). */
export function runQuerySearchParams(q: Partial<RunQueryInput>): URLSearchParams {
  const out = new URLSearchParams();
  if (q.filter) out.set('filter', q.filter);
  if (q.sort) out.set('sort', q.sort);
  if (q.cursor) out.set('cursor', q.cursor);
  if (q.limit !== undefined) out.set('limit', String(q.limit));
  if (q.includeDeleted) out.set('includeDeleted', 'true');
  if (q.columns !== undefined) out.set('columns', Array.isArray(q.columns) ? q.columns.join(',') : q.columns);
  return out;
}

/** min/max/last of one metric over the run's history (wire numbers: NaN/±Infinity as tokens). */
export const RunRowMetric = z.object({ last: WireNumberSchema, min: WireNumberSchema, max: WireNumberSchema });
export type RunRowMetric = z.infer<typeof RunRowMetric>;

/** A lean row of the runs table. */
export const RunRow = z.object({
  id: IdSchema,
  name: z.string(),
  status: RunStatus,
  owner: z.string().nullable(),
  projectId: IdSchema,
  sweepId: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  finishedAt: EpochMs.nullable(),
  tags: z.record(z.string(), z.string()),
  /** Markdown. */
  notes: z.string().nullable(),
  /** The requested param columns, else every scalar param (dotted keys: `optimizer.lr`). */
  params: z.record(z.string(), ListParamValue),
  metrics: z.record(z.string(), RunRowMetric),
  /** When the run was soft-deleted (restorable until deletedAt + purgeAfterDays); null: not deleted. */
  deletedAt: EpochMs.nullable(),
  /** `env.backend` (the backend that actually ran), when known. */
  backend: z.string().nullable(),
});
export type RunRow = z.infer<typeof RunRow>;
export type WireRunRow = z.input<typeof RunRow>;

export const RunQueryResult = z.object({
  rows: z.array(RunRow),
  /** Runs matching the filter (every page, not only this one): exact up to RUN_QUERY_LIMITS.maxExactTotal. */
  total: z.number().int().nonnegative(),
  /** False: more than maxExactTotal runs match and `total` is an estimate (show "≈ 25,100"); counted with the first page. */
  totalExact: z.boolean().default(true),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type RunQueryResult = z.infer<typeof RunQueryResult>;

/** Every key seen among the (filtered) runs, for the column chooser. */
export const RunColumns = z.object({ params: z.array(z.string()), metrics: z.array(z.string()), tags: z.array(z.string()) });
export type RunColumns = z.infer<typeof RunColumns>;

/** GET /api/v1/runs/groups?by=params.lr&filter=&metrics=a,b */
export const RunGroupsQuery = z.object({
  by: z.string().min(1).max(1000),
  filter: z.string().optional(),
  metrics: list.pipe(z.array(z.string().min(1)).max(RUN_QUERY_LIMITS.maxGroupMetrics)).optional(),
  includeDeleted: bool.default(false),
});
export type RunGroupsQuery = z.infer<typeof RunGroupsQuery>;

/** Aggregates of one metric's `last` over a group's runs (null: no run in the group logged it). */
export const RunGroupMetric = z.object({ mean: WireNumberSchema.nullable(), min: WireNumberSchema.nullable(), max: WireNumberSchema.nullable() });
export const RunGroup = z.object({
  /** The group's value as text; runs without the key are in the group with key "" and `missing: true`. */
  key: z.string(),
  missing: z.boolean().optional(),
  count: z.number().int().nonnegative(),
  metrics: z.record(z.string(), RunGroupMetric),
});
export type RunGroup = z.infer<typeof RunGroup>;
export const RunGroups = z.object({
  by: z.string(),
  groups: z.array(RunGroup),
  /**
   * Absent: every matching run was aggregated. Present: more than RUN_QUERY_LIMITS.maxGroupRuns
   * matched, and the groups are those of a fixed sample of this fraction of the runs, counts
   * scaled up to estimates (mean, min and max are the sampled runs').
   */
  sampled: z.number().gt(0).lt(1).optional(),
});
export type RunGroups = z.infer<typeof RunGroups>;
export type WireRunGroups = z.input<typeof RunGroups>;

const TagKey = z.string().min(1).max(RUN_QUERY_LIMITS.maxTagKeyChars);
const TagValue = z.string().max(RUN_QUERY_LIMITS.maxTagValueChars);

/** PUT /api/v1/runs/:id/meta → the RunRow. `tags` replaces the run's tags; absent fields stay. */
export const RunMetaPatch = z
  .object({
    name: z.string().min(1).max(256).optional(),
    tags: z
      .record(TagKey, TagValue)
      .refine((t) => Object.keys(t).length <= RUN_QUERY_LIMITS.maxTags, `at most ${RUN_QUERY_LIMITS.maxTags} tags`)
      .optional(),
    notes: z
      .string()
      .refine((s) => new TextEncoder().encode(s).length <= RUN_QUERY_LIMITS.maxNotesBytes, `notes are at most ${RUN_QUERY_LIMITS.maxNotesBytes} bytes of UTF-8`)
      .nullable()
      .optional(),
  })
  .strict();
export type RunMetaPatch = z.infer<typeof RunMetaPatch>;

/** POST /api/v1/runs/bulk */
export const RunBulkRequest = z
  .object({
    action: z.enum(['delete', 'restore', 'tag', 'untag']),
    ids: z.array(IdSchema).min(1).max(RUN_QUERY_LIMITS.maxBulkIds),
    /** tag: sets key = value; untag: removes key (value ignored). */
    tag: z.object({ key: TagKey, value: TagValue.default('') }).optional(),
  })
  .refine((b) => (b.action === 'tag' || b.action === 'untag' ? b.tag !== undefined : true), { message: 'tag and untag need "tag": {key, value}', path: ['tag'] });
export type RunBulkRequest = z.infer<typeof RunBulkRequest>;
export const RunBulkResult = z.object({
  /** Runs the action changed. */
  changed: z.number().int().nonnegative(),
  /** Ids that name no run. */
  missing: z.array(z.string()),
});
export type RunBulkResult = z.infer<typeof RunBulkResult>;

/** The 400 answer of a filter or sort that does not parse. */
export const BadFilterError = z.object({
  error: z.object({ code: z.literal('bad_filter'), message: z.string(), field: z.enum(['filter', 'sort', 'by', 'columns']), offset: z.number().int(), length: z.number().int() }),
});
export type BadFilterError = z.infer<typeof BadFilterError>;
