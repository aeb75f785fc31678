import { API_LIMITS, countBatchPoints } from '@/lib/track/api';
import { HttpError, json } from '../errors';
import { readJsonValue } from '../body';
import { parseMetricBatch } from '../metric-batch';
import type { Route } from '../router';
import { requireRunReader, requireRunWriter } from '../../classroom/scope';
import { historyResponse, idParam, keyInfo, requireRunExists } from './common';

export const metricRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/runs/:runId/metrics',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      const value = await readJsonValue(ctx.req, API_LIMITS.metricBatchBytes, 'metric batch');
      // Count before validating: a huge batch gets the limit named, not 10,000 type errors.
      const count = countBatchPoints(value) ?? 0;
      if (count > API_LIMITS.metricBatchPoints) {
        throw new HttpError(
          413,
          'payload_too_large',
          `metric batch has ${count.toLocaleString('en-US')} points; the limit is ${API_LIMITS.metricBatchPoints.toLocaleString('en-US')} per request`,
          'points',
        );
      }
      const points = parseMetricBatch(value);
      await requireRunExists(ctx.services, runId);
      await requireRunWriter(ctx, runId, 'log metrics to');
      if (ctx.student) ctx.services.classroom.limits.points(ctx.student, points.length);
      const accepted = await ctx.services.metrics.ingest(runId, points);
      return json(200, { accepted });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId/metrics/history',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunReader(ctx, runId);
      await requireRunExists(ctx.services, runId);
      return historyResponse(ctx.services, runId, ctx.url);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId/metrics/keys',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunReader(ctx, runId);
      await requireRunExists(ctx.services, runId);
      return json(200, { keys: (await ctx.services.metrics.keys(runId)).map(keyInfo) });
    },
  },
];
