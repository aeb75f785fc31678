import { findNulPath } from '@/lib/track/json-limits';
import { mayHoldLoneSurrogate, wellFormedValue } from '@/lib/track/well-formed';
import { jsonDepthProblem, nulProblem, readBodyBytes } from '../http/body';
import { BUSY_RETRY_AFTER_S, databaseBusy, HttpError, isDatabaseBusy } from '../http/errors';
import type { Method, Route, RouteContext } from '../http/router';
import { predictTokenOf } from '../predict-tokens/access';
import type { MlflowEndpoint, MlflowMethod } from './endpoint';
import { MlflowError, mlflowErrorResponse, mlflowJson } from './errors';
import { experimentEndpoints } from './handlers/experiments';
import { runEndpoints } from './handlers/runs';
import { loggingEndpoints } from './handlers/logging';
import { metricEndpoints } from './handlers/metrics';
import { artifactEndpoints } from './handlers/artifacts';
import { metricBulkEndpoints } from './handlers/metrics-bulk';
import { logModelEndpoints } from './handlers/log-model';
import { logInputsEndpoints } from './handlers/log-inputs';
import { registeredModelEndpoints } from './handlers/registered-models';
import { modelVersionEndpoints } from './handlers/model-versions';

/**
 * MLflow's REST API under /api/2.0/mlflow/, served by the same router and database as /api/v1.
 * The router only carries requests here (a few catch-all patterns); this file finds the
 * endpoint, checks the workspace token with the /api/v1 rule, reads the fields and answers in
 * MLflow's shapes, errors included.
 */

export const MLFLOW_PREFIX = '/api/2.0/mlflow/';

/** Every endpoint, in one list: adding one touches its handler file only. */
export const MLFLOW_ENDPOINTS: readonly MlflowEndpoint[] = [...experimentEndpoints, ...runEndpoints, ...loggingEndpoints, ...metricEndpoints, ...metricBulkEndpoints, ...artifactEndpoints, ...logModelEndpoints, ...logInputsEndpoints, ...registeredModelEndpoints, ...modelVersionEndpoints];

const byPath = new Map(MLFLOW_ENDPOINTS.map((e) => [e.path, e]));
const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export const handleMlflow = (ctx: RouteContext): Promise<Response> => withMlflowErrors(ctx, () => dispatch(ctx));

/** Runs `work`, answering its failures in MLflow's error shape (a 500 logged, never its text). */
export async function withMlflowErrors(ctx: RouteContext, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof MlflowError) return mlflowErrorResponse(err);
    if (isDatabaseBusy(err)) {
      const busy = mlflowErrorResponse(new MlflowError('TEMPORARILY_UNAVAILABLE', databaseBusy().message));
      busy.headers.set('retry-after', String(BUSY_RETRY_AFTER_S));
      return busy;
    }
    ctx.log(`[benchtop] MLflow ${ctx.req.method} ${ctx.url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return mlflowErrorResponse(new MlflowError('INTERNAL_ERROR', 'internal server error'));
  }
}

/** The workspace token (or trusted local use) opens MLflow's API; students and strangers are refused in MLflow's shape. */
export function requireMlflowAccess(ctx: RouteContext): void {
  const { req } = ctx;
  if (predictTokenOf(req)) throw new MlflowError('PERMISSION_DENIED', "A predict token (btp_…) only calls predict and feedback of its model; MLflow's API needs the workspace token.");
  if (ctx.access === 'none') {
    throw new MlflowError(
      'UNAUTHENTICATED',
      req.headers.has('authorization')
        ? "The bearer token is not this workspace's token (set MLFLOW_TRACKING_TOKEN to the workspace token)."
        : 'This server needs the workspace token: set MLFLOW_TRACKING_TOKEN (sent as Authorization: Bearer <token>).',
    );
  }
  // A class's student (token or cookie) is never the workspace, even on the teacher's laptop.
  if (ctx.access === 'student') throw new MlflowError('PERMISSION_DENIED', 'Students of a class may not use the MLflow API: it is for the teacher (the workspace token).');
}

async function dispatch(ctx: RouteContext): Promise<Response> {
  const { req, url } = ctx;
  requireMlflowAccess(ctx);
  const path = url.pathname.slice(MLFLOW_PREFIX.length).replace(/\/$/, '');
  const endpoint = byPath.get(path);
  if (!endpoint) throw new MlflowError('ENDPOINT_NOT_FOUND', `No MLflow endpoint ${url.pathname} on this server`);
  const method = req.method as MlflowMethod;
  if (!endpoint.methods.includes(method)) {
    throw new MlflowError('BAD_REQUEST', `${req.method} is not allowed on ${url.pathname}; use ${endpoint.methods.join(' or ')}`, 405);
  }
  const input = req.method === 'GET' ? queryInput(url) : await bodyInput(req, endpoint);
  const body = await endpoint.handle({ method, input, services: ctx.services, repos: ctx.services.mlflow, nowMs: Date.now() });
  return body instanceof Response ? body : mlflowJson(200, body);
}

/** Query parameters as fields; a repeated parameter (experiment_ids, order_by) becomes a list. */
function queryInput(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  const nulAt = findNulPath(out);
  if (nulAt !== null) throw new MlflowError('INVALID_PARAMETER_VALUE', `Invalid value for parameter '${nulAt}' supplied: it contains a NUL character (%00).`);
  return out;
}

async function bodyInput(req: Request, endpoint: MlflowEndpoint): Promise<Record<string, unknown>> {
  const type = req.headers.get('content-type');
  // MLflow requires JSON for POST; it also keeps a cross-site form post (text/plain) out.
  if (!type) throw new MlflowError('BAD_REQUEST', 'Bad Request. Content-Type header is missing (MLflow requests are application/json).');
  if (!/^application\/json\b/i.test(type.trim())) throw new MlflowError('INVALID_PARAMETER_VALUE', `Bad Request. Content-Type must be application/json, got "${type}".`);
  const max = endpoint.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(req, max, `request to ${endpoint.path}`);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 413) throw err;
    const size = req.headers.get('content-length') ?? `more than ${max}`;
    throw new MlflowError('INVALID_PARAMETER_VALUE', endpoint.tooLargeMessage?.(size) ?? `Requests to ${endpoint.path} must be at most ${max} bytes, got a request of size ${size}.`);
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return {};
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) throw new MlflowError('INVALID_PARAMETER_VALUE', `The request body ${tooDeep}.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MlflowError('BAD_REQUEST', `Malformed JSON request body: ${(err as Error).message}`);
  }
  const nul = nulProblem(text, value);
  if (nul) throw new MlflowError('INVALID_PARAMETER_VALUE', `Invalid value for parameter '${nul.field}' supplied: it contains a NUL character (\\u0000), which cannot be stored.`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MlflowError('INVALID_PARAMETER_VALUE', 'The request body must be a JSON object.');
  }
  return (mayHoldLoneSurrogate(text) ? wellFormedValue(value) : value) as Record<string, unknown>;
}

const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const PATTERNS = [`${MLFLOW_PREFIX}:a`, `${MLFLOW_PREFIX}:a/:b`, `${MLFLOW_PREFIX}:a/:b/:c`];

/**
 * Routes for the /api/v1 router's table. Auth is checked in `handleMlflow` (MLflow's error
 * shape), so the router sees them as public.
 */
export const mlflowRoutes: Route[] = PATTERNS.flatMap((path) => METHODS.map((method): Route => ({ method, path, auth: 'public', handle: (ctx) => handleMlflow(ctx) })));
