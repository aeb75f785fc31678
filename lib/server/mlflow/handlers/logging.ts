import { z } from 'zod';
import type { MlflowContext, MlflowEndpoint } from '../endpoint';
import { doesNotExist, invalidParameter } from '../errors';
import type { LoggedMetric } from '../repos/metrics';
import { requireWritable, validateMetric, validateParam, validateRunTag } from '../validate';
import { double, int64, KeyValue, parseRequest, RunRef, runIdOf } from '../wire';
import { runOf } from './runs';

/**
 * Logging into an MLflow run: metrics append (timestamp and step kept as sent), params are
 * write-once, tags overwrite. log-batch has MLflow's limits.
 */

/** MLflow's log-batch limits (mlflow/utils/validation.py). */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000, bytes: 1_000_000 } as const;

const MetricIn = z.object({ key: z.string(), value: double, timestamp: int64, step: int64.optional() });

async function writableRun(ctx: MlflowContext, runId: string) {
  const record = await runOf(ctx, runId);
  requireWritable(record);
  return record;
}

async function logMetrics(ctx: MlflowContext, runId: string, metrics: LoggedMetric[]): Promise<void> {
  if (metrics.length === 0) return;
  await ctx.repos.metrics.log(runId, metrics);
  await ctx.repos.runs.refreshSummary(runId, ctx.nowMs);
}

function batchLimit(name: string, limit: number, count: number): void {
  if (count > limit) {
    throw invalidParameter(`A batch logging request can contain at most ${limit} ${name}. Got ${count} ${name}. Please split up ${name} across multiple requests and try again.`);
  }
}

export const loggingEndpoints: MlflowEndpoint[] = [
  {
    path: 'runs/log-metric',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, ...MetricIn.shape }), ctx.input);
      const metric = validateMetric(req);
      const record = await writableRun(ctx, runIdOf(req));
      await logMetrics(ctx, record.id, [metric]);
      return {};
    },
  },
  {
    path: 'runs/log-parameter',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, key: z.string(), value: z.string() }), ctx.input);
      validateParam(req.key, req.value);
      const record = await writableRun(ctx, runIdOf(req));
      await ctx.repos.runs.writeParamsAndTags(record.id, new Map([[req.key, req.value]]), new Map(), ctx.nowMs);
      return {};
    },
  },
  {
    path: 'runs/set-tag',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, key: z.string(), value: z.string() }), ctx.input);
      validateRunTag(req.key, req.value);
      const record = await writableRun(ctx, runIdOf(req));
      await ctx.repos.runs.writeParamsAndTags(record.id, new Map(), new Map([[req.key, req.value]]), ctx.nowMs);
      return {};
    },
  },
  {
    path: 'runs/delete-tag',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, key: z.string() }), ctx.input);
      const record = await writableRun(ctx, runIdOf(req));
      if (!(await ctx.repos.runs.deleteTag(record.id, req.key))) throw doesNotExist(`No tag with name: ${req.key} in run with id ${record.id}`);
      return {};
    },
  },
  {
    path: 'runs/log-batch',
    methods: ['POST'],
    maxBodyBytes: LOG_BATCH_LIMITS.bytes,
    tooLargeMessage: (size) => `Batched logging API requests must be at most ${LOG_BATCH_LIMITS.bytes} bytes, got a request of size ${size}.`,
    async handle(ctx) {
      // Count first: an oversized batch is told the limit, not a thousand item errors.
      const count = (field: string) => (Array.isArray(ctx.input[field]) ? (ctx.input[field] as unknown[]).length : 0);
      const [m, p, t] = [count('metrics'), count('params'), count('tags')];
      batchLimit('metrics', LOG_BATCH_LIMITS.metrics, m);
      batchLimit('params', LOG_BATCH_LIMITS.params, p);
      batchLimit('tags', LOG_BATCH_LIMITS.tags, t);
      batchLimit('metrics, params, and tags', LOG_BATCH_LIMITS.total, m + p + t);

      const req = parseRequest(
        z.object({ ...RunRef, metrics: z.array(MetricIn).optional(), params: z.array(KeyValue).optional(), tags: z.array(KeyValue).optional() }),
        ctx.input,
      );
      const metrics = (req.metrics ?? []).map(validateMetric);
      const params = new Map<string, string>();
      const duplicates = new Set<string>();
      for (const { key, value } of req.params ?? []) {
        validateParam(key, value);
        if (params.has(key) && params.get(key) !== value) duplicates.add(key);
        params.set(key, value);
      }
      if (duplicates.size > 0) {
        throw invalidParameter(`Duplicate parameter keys have been submitted: [${[...duplicates].map((k) => `'${k}'`).join(', ')}]. Please ensure the request contains only one param value per param key.`);
      }
      const tags = new Map<string, string>();
      for (const { key, value } of req.tags ?? []) {
        validateRunTag(key, value);
        tags.set(key, value); // the last value of a repeated tag wins, as MLflow documents
      }

      const record = await writableRun(ctx, runIdOf(req));
      if (params.size > 0 || tags.size > 0) await ctx.repos.runs.writeParamsAndTags(record.id, params, tags, ctx.nowMs);
      await logMetrics(ctx, record.id, metrics);
      return {};
    },
  },
];
