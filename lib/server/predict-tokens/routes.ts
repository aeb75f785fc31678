import { CreatePredictTokenRequest } from '@/lib/serving/predict-tokens-api';
import { SERVING_LIMITS } from '@/lib/serving/api';
import { HttpError, json } from '../http/errors';
import { readJson } from '../http/body';
import type { Route } from '../http/router';

/**
 * GET    /api/v1/models/:name/tokens            → {tokens} (no secrets)
 * POST   /api/v1/models/:name/tokens {label}    → 201 {token, secret} (the only time the secret is shown)
 * DELETE /api/v1/models/:name/tokens/:tokenId   → 204; the token answers 401 from then on
 * Workspace only: a student or a predict token gets 403.
 */
export const predictTokenRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/models/:name/tokens',
    auth: 'workspace',
    async handle(ctx) {
      const { name } = ctx.params;
      if (!(await ctx.services.registry.getModel(name))) throw new HttpError(404, 'not_found', `no registered model "${name}"`);
      return json(200, { tokens: await ctx.services.predictTokens.list(name) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/models/:name/tokens',
    auth: 'workspace',
    async handle(ctx) {
      const { label } = await readJson(ctx.req, CreatePredictTokenRequest, SERVING_LIMITS.smallJsonBytes, 'predict token');
      return json(201, await ctx.services.predictTokens.create(ctx.params.name, label));
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/models/:name/tokens/:tokenId',
    auth: 'workspace',
    async handle(ctx) {
      const { name, tokenId } = ctx.params;
      if (!(await ctx.services.predictTokens.revoke(name, tokenId))) throw new HttpError(404, 'not_found', `model "${name}" has no predict token "${tokenId}"`, 'tokenId');
      return new Response(null, { status: 204 });
    },
  },
];
