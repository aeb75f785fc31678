import { PREDICT_TOKEN_PREFIX } from '@/lib/serving/predict-tokens-api';
import { HttpError } from '../http/errors';
import type { Route } from '../http/router';
import type { PredictTokenStore } from './store';

/** The `btp_…` secret of an `Authorization: Bearer` header, if that is what it holds. */
export function predictTokenOf(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1].startsWith(PREDICT_TOKEN_PREFIX) ? match[1] : undefined;
}

/**
 * Whether a request that presents a predict token may go on, decided before any other auth:
 *   undefined  no predict token (the router's other checks apply), or a public route (which
 *              ignores credentials; MLflow's routes then refuse it in their own shape)
 *   true       the route takes predict tokens (`route.predictToken`) for the model the token is for
 * and throws otherwise: 401 for a token no one holds (unknown or revoked), 403 for a route or a
 * model the token does not open, each with a sentence saying what it does open.
 */
export async function predictTokenAllows(req: Request, store: PredictTokenStore, route: Route, params: Record<string, string>): Promise<true | undefined> {
  const secret = predictTokenOf(req);
  if (secret === undefined || route.auth === 'public') return undefined;
  const grant = await store.authenticate(secret);
  if (!grant) throw new HttpError(401, 'unauthorized', 'this predict token is unknown or was revoked: create a new one on the model’s page');
  const opens = `it only calls POST /api/v1/models/${grant.model}/<version or alias>/predict and …/feedback`;
  if (!route.predictToken) throw new HttpError(403, 'forbidden', `a predict token may not use ${req.method} ${route.path}: ${opens}`);
  if (params.name !== grant.model) throw new HttpError(403, 'forbidden', `this predict token is for model "${grant.model}", not "${params.name}": ${opens}`);
  return true;
}
