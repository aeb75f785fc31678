import { accessOf, type Access, type PeerInfo } from '../auth';
import type { Services } from '../services';
import type { StudentPrincipal } from '../classroom/principal';
import { cameOverHttps } from '../secure-request';
import { studentOf } from '../classroom/access';
import { predictTokenAllows } from '../predict-tokens/access';
import { databaseBusy, errorResponse, HttpError, isDatabaseBusy, isForeignKeyViolation, isUniqueViolation } from './errors';

/** PATCH only for MLflow's registry (`registered-models/update`, `model-versions/update`). */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  req: Request;
  url: URL;
  /** Path parameters, URI-decoded; handlers validate them. */
  params: Record<string, string>;
  services: Services;
  access: Access;
  /** What the transport knows of the client (socket address, TLS). */
  peer: PeerInfo;
  /** The student the request acts for; set iff access is 'student'. */
  student?: StudentPrincipal;
  /** The browser reached the server over HTTPS (directly or via a trusted proxy): cookies get `Secure`. */
  secure: boolean;
  /** The server's log (a handler that answers its own 500s, as MLflow's does, logs there). */
  log: (line: string) => void;
}

export interface Route {
  method: Method;
  /** e.g. `/api/v1/runs/:runId/metrics`; `:path+` takes the rest of the path, slashes included. */
  path: string;
  /**
   * `workspace`: the write token or trusted local use (a student gets 403); `class`: the
   * workspace or a student of a class that has not ended (the handler scopes by ctx.student);
   * `public`: anyone (health, share links, joining a class).
   */
  auth: 'workspace' | 'class' | 'public';
  /** A predict token (`btp_…`) of the model named by `:name` may call it too (predict, feedback). */
  predictToken?: boolean;
  /** Hand path parameters over still percent-encoded: the handler decodes them and answers a bad one in its own error shape (MLflow's). */
  rawParams?: boolean;
  handle(ctx: RouteContext): Promise<Response>;
}

interface Compiled extends Route {
  regex: RegExp;
  names: string[];
}

/** Browsers on another origin may call the API with a bearer token (no cookies are involved). */
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, x-benchtop-sha256, x-benchtop-artifact',
  'access-control-max-age': '600',
};

export type Handler = (req: Request, peer?: PeerInfo) => Promise<Response>;

/** CORS and no-store on every answer; set in place (the Response keeps its buffered body, see `json`). */
function withApiHeaders(response: Response): Response {
  let headers = response.headers;
  try {
    for (const [k, v] of Object.entries(CORS_HEADERS)) headers.set(k, v);
  } catch {
    // Immutable headers (a Response passed through from fetch): copy them into a new Response.
    headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(CORS_HEADERS)) headers.set(k, v);
    response = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return response;
}

/**
 * A method + path table → handler, over web-standard Request/Response, so the same routes serve
 * Next.js route handlers and the standalone node:http server. Never lets an exception's text or
 * stack reach the client.
 */
export function createRouter(routes: Route[], services: Services, log: (line: string) => void = console.error): Handler {
  const compiled: Compiled[] = routes.map((r) => {
    const names: string[] = [];
    // `:name` is one segment; `:name+` the rest of the path (MLflow's artifact paths hold slashes).
    const pattern = r.path.replace(/:([A-Za-z]+)(\+?)/g, (_, name: string, rest: string) => {
      names.push(name);
      return rest ? '(.+)' : '([^/]+)';
    });
    return { ...r, names, regex: new RegExp(`^${pattern}/?$`) };
  });

  return async (req, peer = {}) => {
    const response = await dispatch(req, peer).catch((err: unknown) => {
      if (err instanceof HttpError) return errorResponse(err);
      if (isUniqueViolation(err)) return errorResponse(new HttpError(409, 'conflict', 'a resource with this identity already exists'));
      if (isDatabaseBusy(err)) return errorResponse(databaseBusy());
      if (isForeignKeyViolation(err)) return errorResponse(new HttpError(404, 'not_found', 'the run (or other resource) this request writes to was deleted meanwhile'));
      log(`[benchtop] ${req.method} ${new URL(req.url).pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return errorResponse(new HttpError(500, 'internal', 'internal server error'));
    });
    return withApiHeaders(response);
  };

  async function dispatch(req: Request, peer: PeerInfo): Promise<Response> {
    const url = new URL(req.url);
    const candidates = compiled
      .map((route) => ({ route, match: route.regex.exec(url.pathname) }))
      .filter((c): c is { route: Compiled; match: RegExpExecArray } => c.match !== null);
    if (candidates.length === 0) throw new HttpError(404, 'not_found', `no API route ${url.pathname}`);
    if (req.method === 'OPTIONS') return new Response(null, { status: 204 });
    const hit = candidates.find((c) => c.route.method === req.method);
    if (!hit) {
      const allowed = [...new Set(candidates.map((c) => c.route.method))].join(', ');
      return errorResponse(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}; allowed: ${allowed}`));
    }
    const params: Record<string, string> = {};
    hit.route.names.forEach((name, i) => {
      if (hit.route.rawParams) {
        params[name] = hit.match[i + 1];
        return;
      }
      try {
        params[name] = decodeURIComponent(hit.match[i + 1]);
      } catch {
        throw new HttpError(400, 'bad_request', `path segment ${name} is not valid percent-encoding`, name);
      }
      // No name or id anywhere may hold a control character; PostgreSQL refuses NUL in text outright (a 5xx if it reached a query).
      if ([...params[name]].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) throw new HttpError(400, 'bad_request', `path segment ${name} contains a control character`, name);
    });
    const secure = cameOverHttps(req, peer, services.auth.trustedProxies);
    if (await predictTokenAllows(req, services.predictTokens, hit.route, params)) return hit.route.handle({ req, url, params, services, peer, access: 'predict', secure, log });
    const student = await studentOf(req, peer, services, hit.route.auth, hit.route.path);
    if (student) return hit.route.handle({ req, url, params, services, peer, access: 'student', student, secure, log });
    const checked = accessOf(req, peer, services.auth);
    if (hit.route.auth !== 'public') {
      if (checked === 'bad-token') throw new HttpError(401, 'unauthorized', "the bearer token is not this workspace's token");
      if (checked === 'none') throw new HttpError(401, 'unauthorized', 'this request needs the workspace token: Authorization: Bearer <token>');
    }
    // Public routes (share links, health) ignore a wrong token rather than fail on it.
    const access: Access = checked === 'bad-token' ? 'none' : checked;
    return hit.route.handle({ req, url, params, services, peer, access, secure, log });
  }
}

