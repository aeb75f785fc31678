import type { z } from 'zod';
import { toWireNumber } from '@/lib/track/wire-number';
import {
  FinishResponse, LeaseResponse, RenewResponse, ReportResponse, SweepListResponse, SweepResponse,
  type CreateSweepRequestJson, type SweepRecord, type SweepSummary,
} from './api';
import type { FinishStatus } from './trial-events';

/**
 * The client side of `/api/v1/sweeps` (api.ts): the sweep page, the join page and the agent in
 * the kernel worker use it. No DOM: `fetch` is injected (the worker's, the page's, or Node's).
 * Answers are validated with the same zod schemas the server uses.
 */

export interface SweepHttpOptions {
  /** "" for the page's own origin, or e.g. "http://127.0.0.1:3000". */
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A non-2xx answer or an unreachable server; `status` is 0 when no answer came. */
export class SweepHttpError extends Error {
  override name = 'SweepHttpError';
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
  }

  /** Worth retrying: the server is down, overloaded or timed out. */
  get transient(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface SweepHttpClient {
  create(body: CreateSweepRequestJson): Promise<SweepRecord>;
  get(sweepId: string): Promise<SweepRecord>;
  list(projectId?: string): Promise<SweepSummary[]>;
  stop(sweepId: string, reason?: string): Promise<SweepRecord>;
  lease(sweepId: string, agentId: string): Promise<LeaseResponse>;
  renew(sweepId: string, body: { agentId: string; trialId: string }): Promise<RenewResponse>;
  report(sweepId: string, body: { agentId: string; trialId: string; epoch: number; value: number; runId?: string }): Promise<ReportResponse>;
  finish(sweepId: string, body: { agentId: string; trialId: string; status: FinishStatus; metric?: number | null; reason?: string; runId?: string }): Promise<FinishResponse>;
}

export function createSweepHttpClient(options: SweepHttpOptions): SweepHttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function call<S extends z.ZodType>(schema: S, method: 'GET' | 'POST', path: string, body?: unknown): Promise<z.output<S>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    try {
      res = await doFetch(`${base}/api/v1/sweeps${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal });
    } catch (error) {
      throw new SweepHttpError(`cannot reach the sweep server${base ? ` at ${base}` : ''}: ${error instanceof Error ? error.message : String(error)}`, 0);
    } finally {
      clearTimeout(timer);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new SweepHttpError(`HTTP ${res.status} from ${method} ${path || '/'}: the answer is not JSON`, res.status);
    }
    if (!res.ok) {
      const error = (json as { error?: { message?: string; field?: string } } | null)?.error;
      throw new SweepHttpError(`HTTP ${res.status}: ${error?.message ?? res.statusText}`, res.status, error?.field);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SweepHttpError(`unexpected answer from ${method} ${path || '/'}: ${parsed.error.issues[0]?.message}`, res.status);
    return parsed.data;
  }

  const at = (sweepId: string, action = '') => `/${encodeURIComponent(sweepId)}${action}`;

  return {
    create: async (body) => (await call(SweepResponse, 'POST', '', body)).sweep,
    get: async (sweepId) => (await call(SweepResponse, 'GET', at(sweepId))).sweep,
    list: async (projectId) => (await call(SweepListResponse, 'GET', projectId ? `?projectId=${encodeURIComponent(projectId)}` : '')).sweeps,
    stop: async (sweepId, reason) => (await call(SweepResponse, 'POST', at(sweepId, '/stop'), reason ? { reason } : {})).sweep,
    lease: (sweepId, agentId) => call(LeaseResponse, 'POST', at(sweepId, '/lease'), { agentId }),
    renew: (sweepId, body) => call(RenewResponse, 'POST', at(sweepId, '/renew'), body),
    report: (sweepId, body) => call(ReportResponse, 'POST', at(sweepId, '/report'), { ...body, value: toWireNumber(body.value) }),
    finish: (sweepId, body) =>
      call(FinishResponse, 'POST', at(sweepId, '/finish'), {
        ...body,
        metric: body.metric === undefined || body.metric === null ? body.metric : toWireNumber(body.metric),
      }),
  };
}
