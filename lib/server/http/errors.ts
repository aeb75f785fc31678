import type { z } from 'zod';
import type { ErrorBody, ErrorCode } from '@/lib/track/api';

/** An answer other than 2xx that a handler decided on; the router turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Where in the field's text (bad_filter). */
    readonly span?: { offset: number; length: number },
  ) {
    super(message);
  }
}

/** 429: a per-client limit ran out; `Retry-After` says when the request would be taken. */
export class TooManyRequests extends HttpError {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(429, 'rate_limited', message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

/**
 * The text of every answer `json` made, so a transport that can write bytes directly (the
 * standalone node:http server) sends it in one write instead of piping the Response's web
 * stream (a pipeline, abort signals and two socket writes per answer: a third of a small
 * predict's server time in a profile).
 */
const bufferedBodies = new WeakMap<Response, string>();

/** The whole body of a Response made by `json` (undefined for a streamed one). */
export const bufferedBodyOf = (response: Response): string | undefined => bufferedBodies.get(response);

export function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
  bufferedBodies.set(response, text);
  return response;
}

export function errorResponse(err: HttpError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.span ?? {}) } };
  const retryAfterS = err instanceof TooManyRequests ? err.retryAfterS : err.status === 503 ? BUSY_RETRY_AFTER_S : undefined;
  return json(err.status, body, retryAfterS === undefined ? undefined : { 'retry-after': String(retryAfterS) });
}

/** Seconds a client waits before retrying a write the database was too busy to take. */
export const BUSY_RETRY_AFTER_S = 1;

/**
 * The database could not take a write in time: SQLite's busy_timeout ran out waiting for another
 * process's write lock, or PostgreSQL gave up on a lock (serialization failure, deadlock, lock
 * timeout). Nothing was written; the same request can simply be sent again.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code === '40001' || code === '40P01' || code === '55P03';
}

export const databaseBusy = () =>
  new HttpError(503, 'unavailable', `the database is busy with another writer (another server process on this data dir?); nothing was written, retry in ${BUSY_RETRY_AFTER_S} s`);

/** Dotted path of a zod issue, e.g. `points.3.value` (empty path = the whole body). */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

/** A zod failure as one HttpError naming the first offending field and up to three issues. */
export function validationError(error: z.ZodError, status: 400 | 422, where: string): HttpError {
  const issues = error.issues.slice(0, 3).map((i) => `${issuePath(i.path) || where}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  const first = error.issues[0];
  return new HttpError(status, status === 422 ? 'validation_failed' : 'bad_request', `invalid ${where}: ${issues.join('; ')}${more}`, first ? issuePath(first.path) || undefined : undefined);
}

/** Unique-constraint violations from either database, raced past a handler's own check. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE');
}

/** Foreign-key violations: the row a write refers to (e.g. its run) was deleted after the handler checked. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return !!e && (e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY');
}
