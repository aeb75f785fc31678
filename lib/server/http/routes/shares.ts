import { API_LIMITS, CreateShareRequest, ShareToken, sharePath, runToWire, type Share } from '@/lib/track/api';
import type { ShareRow } from '../../repos/shares';
import type { Services } from '../../services';
import { HttpError, json, notFound } from '../errors';
import { readJson } from '../body';
import type { Route, RouteContext } from '../router';
import { artifactBytesResponse, historyResponse, idParam, keyInfo, requireRunExists } from './common';

const toShare = (s: ShareRow): Share => ({ token: s.token, runId: s.runId, createdAt: s.createdAt, path: sharePath(s.token), includeCode: s.includeCode });

/** The active share behind a token; unknown, malformed, revoked and deleted-run tokens all 404 alike. */
async function activeShare(ctx: RouteContext): Promise<ShareRow> {
  const token = ShareToken.safeParse(ctx.params.token);
  const share = token.success ? await ctx.services.shares.resolve(token.data) : undefined;
  if (!share) throw notFound('share link');
  return share;
}

const sharedRunId = async (ctx: RouteContext) => (await activeShare(ctx)).runId;

/** What the link shows: the run, its metric keys and files; its code only if the sharer chose. */
async function sharedRun(services: Services, share: ShareRow) {
  const run = await services.runs.get(share.runId);
  if (!run) throw notFound('share link');
  const [keys, artifacts] = await Promise.all([services.metrics.keys(share.runId), services.artifacts.listForRun(share.runId)]);
  const shown = share.includeCode ? run : { ...run, code: null };
  return { includeCode: share.includeCode, run: runToWire(shown), metricKeys: keys.map(keyInfo), artifacts: artifacts.map((a) => a.artifact) };
}

/** The create body is optional (older clients send none): then the defaults. */
async function createOptions(req: Request) {
  const empty = req.headers.get('content-length') === '0' || (!req.body && !req.headers.has('content-type'));
  return empty ? CreateShareRequest.parse({}) : readJson(req, CreateShareRequest, API_LIMITS.smallJsonBytes, 'share');
}

export const shareRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/runs/:runId/shares',
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunExists(ctx.services, runId);
      const { includeCode } = await createOptions(ctx.req);
      return json(201, { share: toShare(await ctx.services.shares.create({ runId, nowMs: Date.now(), includeCode })) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId/shares',
    auth: 'workspace',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunExists(ctx.services, runId);
      return json(200, { shares: (await ctx.services.shares.listForRun(runId)).map(toShare) });
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/shares/:token',
    auth: 'workspace',
    async handle(ctx) {
      const token = ShareToken.safeParse(ctx.params.token);
      if (!token.success) throw new HttpError(400, 'bad_request', 'not a share token', 'token');
      if (!(await ctx.services.shares.revoke(token.data, Date.now()))) throw notFound('active share link');
      return new Response(null, { status: 204 });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/shares/:token',
    auth: 'public',
    handle: async (ctx) => json(200, await sharedRun(ctx.services, await activeShare(ctx)), { 'referrer-policy': 'no-referrer' }),
  },
  {
    method: 'GET',
    path: '/api/v1/shares/:token/metrics/history',
    auth: 'public',
    handle: async (ctx) => historyResponse(ctx.services, await sharedRunId(ctx), ctx.url),
  },
  {
    method: 'GET',
    path: '/api/v1/shares/:token/artifacts/:artifactId',
    auth: 'public',
    handle: async (ctx) => artifactBytesResponse(ctx.services, await sharedRunId(ctx), idParam(ctx, 'artifactId')),
  },
];
