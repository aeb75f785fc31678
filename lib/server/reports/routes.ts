import { ReportInput, REPORT_LIMITS, type Report } from '@/lib/track/reports';
import { sharePath, ShareToken } from '@/lib/track/api';
import type { ReportShareRow } from '../repos/shares';
import { json, notFound } from '../http/errors';
import { readJson } from '../http/body';
import type { Route, RouteContext } from '../http/router';
import { historyResponse, idParam } from '../http/routes/common';
import { reportRuns, reportShowsRun } from './report-runs';

const toShare = (s: ReportShareRow) => ({ token: s.token, reportId: s.reportId, createdAt: s.createdAt, path: sharePath(s.token) });

async function requireReport(ctx: RouteContext): Promise<Report> {
  const id = idParam(ctx, 'reportId');
  const report = await ctx.services.reports.get(id);
  if (!report) throw notFound(`report ${id}`);
  return report;
}

/** The report behind an active report share; unknown, malformed and revoked tokens 404 alike. */
async function sharedReport(ctx: RouteContext): Promise<Report> {
  const token = ShareToken.safeParse(ctx.params.token);
  const share = token.success ? await ctx.services.shares.resolveReport(token.data) : undefined;
  const report = share && (await ctx.services.reports.get(share.reportId));
  if (!report) throw notFound('share link');
  return report;
}

const readInput = (req: Request) => readJson(req, ReportInput, REPORT_LIMITS.bodyBytes, 'report');

/** /api/v1/reports: saved comparisons (workspace), and what their share links may read (public). */
export const reportRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/reports',
    auth: 'workspace',
    handle: async (ctx) => json(201, { report: await ctx.services.reports.create(await readInput(ctx.req), Date.now()) }),
  },
  {
    method: 'GET',
    path: '/api/v1/reports',
    auth: 'workspace',
    handle: async (ctx) => json(200, { reports: await ctx.services.reports.list() }),
  },
  {
    method: 'GET',
    path: '/api/v1/reports/:reportId',
    auth: 'workspace',
    handle: async (ctx) => json(200, { report: await requireReport(ctx) }),
  },
  {
    method: 'PUT',
    path: '/api/v1/reports/:reportId',
    auth: 'workspace',
    async handle(ctx) {
      const id = idParam(ctx, 'reportId');
      const report = await ctx.services.reports.replace(id, await readInput(ctx.req), Date.now());
      if (!report) throw notFound(`report ${id}`);
      return json(200, { report });
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/reports/:reportId',
    auth: 'workspace',
    async handle(ctx) {
      const id = idParam(ctx, 'reportId');
      if (!(await ctx.services.reports.delete(id))) throw notFound(`report ${id}`);
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/reports/:reportId/shares',
    auth: 'workspace',
    async handle(ctx) {
      const report = await requireReport(ctx);
      return json(201, { share: toShare(await ctx.services.shares.createForReport({ reportId: report.id, nowMs: Date.now() })) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/reports/:reportId/shares',
    auth: 'workspace',
    async handle(ctx) {
      const report = await requireReport(ctx);
      return json(200, { shares: (await ctx.services.shares.listForReport(report.id)).map(toShare) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/shares/:token/report',
    auth: 'public',
    async handle(ctx) {
      const report = await sharedReport(ctx);
      return json(200, { report, runs: await reportRuns(ctx.services, report.runs) }, { 'referrer-policy': 'no-referrer' });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/shares/:token/runs/:runId/metrics/history',
    auth: 'public',
    async handle(ctx) {
      const report = await sharedReport(ctx);
      const runId = idParam(ctx, 'runId');
      if (!(await reportShowsRun(ctx.services, report.runs, runId))) throw notFound(`run ${runId} in this report`);
      return historyResponse(ctx.services, runId, ctx.url);
    },
  },
];
