import { z } from 'zod';
import type { MlflowEndpoint } from '../endpoint';
import { metricView } from '../views';
import { int64, maxResultsOf, parseRequest, RunRef, runIdOf } from '../wire';
import { runOf } from './runs';

/** Largest page of metric history one call returns (MLflow leaves the bound to the server). */
export const MAX_HISTORY_PER_PAGE = 25_000;

export const metricEndpoints: MlflowEndpoint[] = [
  {
    // Every logged value of one metric in (step, timestamp) order; paged when max_results is given.
    path: 'metrics/get-history',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, metric_key: z.string(), max_results: int64.optional(), page_token: z.string().optional() }), ctx.input);
      const record = await runOf(ctx, runIdOf(req));
      if (req.max_results === undefined) {
        // The whole history, as MLflow answers it, streamed page by page from the database.
        const body = ctx.repos.metrics.historyBody(record.id, req.metric_key, req.page_token || undefined);
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
      }
      const maxResults = maxResultsOf(req.max_results, MAX_HISTORY_PER_PAGE, MAX_HISTORY_PER_PAGE);
      const page = await ctx.repos.metrics.history(record.id, req.metric_key, maxResults, req.page_token || undefined);
      return { metrics: page.points.map((p) => metricView(req.metric_key, p)), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
    },
  },
];
