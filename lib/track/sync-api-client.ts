import { z } from 'zod';
import {
  API_LIMITS,
  ArtifactListResponse,
  HealthResponse,
  HistoryResponse,
  MetricKeysResponse,
  RunResponse,
  RunListResponse,
  ShareListResponse,
  ShareResponse,
  SharedRunResponse,
  type CreateShareRequest,
  type Share,
} from './api';
import type { Run } from './schemas';
import type { RunListItem } from './run-list';

/**
 * A small typed client for the /api/v1 routes the UI reads (health, server runs, shares,
 * shared runs). No DOM: `fetch` only. Answers are validated with the same zod schemas the
 * server uses, so a mismatched server fails here with a clear message, not deep in a view.
 */
export interface ServerConnection {
  /** "" for the page's own origin, else e.g. "https://bench.example.org". */
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Loose on purpose: an error code this client does not know yet still carries its sentence. */
const AnyErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });

/**
 * One JSON call: adds the bearer token, turns network failures and error bodies into `ApiError`s
 * (status 0 = unreachable), and validates the answer with `schema`. Other typed clients (the
 * classroom's) reuse it.
 */
export async function request<S extends z.ZodType>(conn: ServerConnection, schema: S, method: string, path: string, auth = true, json?: unknown): Promise<z.output<S>> {
  const headers: Record<string, string> = {};
  if (auth && conn.token) headers.authorization = `Bearer ${conn.token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const doFetch = conn.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(`${conn.baseUrl.replace(/\/+$/, '')}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (err) {
    throw new ApiError(0, 'unreachable', `cannot reach ${conn.baseUrl || 'the server'}: ${(err as Error).message}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, 'bad_response', `the server answered HTTP ${res.status} with something that is not JSON`);
  }
  if (!res.ok) {
    const err = AnyErrorBody.safeParse(body);
    if (err.success) throw new ApiError(res.status, err.data.error.code, err.data.error.message, err.data.error.field);
    throw new ApiError(res.status, 'http_error', `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', `unexpected answer from ${path}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const serverApi = {
  health: (conn: ServerConnection) => request(conn, HealthResponse, 'GET', '/api/v1/health'),

  /**
   * Every run on the server as lean list rows (newest first), following `nextCursor` to the end:
   * a list that stopped at N runs would hide the rest without a word. Details: `getRun`.
   */
  async listRuns(conn: ServerConnection, filter: { projectId?: string; pageSize?: number } = {}): Promise<RunListItem[]> {
    const runs: RunListItem[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ limit: String(filter.pageSize ?? API_LIMITS.runListDefaultLimit) });
      if (filter.projectId) q.set('projectId', filter.projectId);
      if (cursor) q.set('cursor', cursor);
      const page: z.output<typeof RunListResponse> = await request(conn, RunListResponse, 'GET', `/api/v1/runs?${q}`);
      runs.push(...page.runs);
      cursor = page.nextCursor;
    } while (cursor);
    return runs;
  },

  /** The newest `limit` runs (one page, newest first): what the home page shows, never the whole list. */
  recentRuns: async (conn: ServerConnection, limit: number): Promise<RunListItem[]> =>
    (await request(conn, RunListResponse, 'GET', `/api/v1/runs?${new URLSearchParams({ limit: String(limit) })}`)).runs,

  getRun: async (conn: ServerConnection, runId: string): Promise<Run> =>
    (await request(conn, RunResponse, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}`)).run,
  metricKeys: async (conn: ServerConnection, runId: string) =>
    (await request(conn, MetricKeysResponse, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}/metrics/keys`)).keys,
  artifacts: async (conn: ServerConnection, runId: string) =>
    (await request(conn, ArtifactListResponse, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}/artifacts`)).artifacts,
  history: (conn: ServerConnection, runId: string, key: string, maxPoints = 1_000) =>
    request(conn, HistoryResponse, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}/metrics/history?${new URLSearchParams({ key, maxPoints: String(maxPoints) })}`),
  /** Artifact bytes through the workspace API (a plain link cannot carry the bearer token). */
  async artifactBytes(conn: ServerConnection, runId: string, artifactId: string): Promise<Uint8Array> {
    const doFetch = conn.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const res = await doFetch(`${conn.baseUrl.replace(/\/+$/, '')}/api/v1/runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(artifactId)}`, {
      headers: conn.token ? { authorization: `Bearer ${conn.token}` } : {},
    });
    if (!res.ok) throw new ApiError(res.status, 'http_error', `artifact download failed: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  },

  createShare: async (conn: ServerConnection, runId: string, options: CreateShareRequest = {}): Promise<Share> =>
    (await request(conn, ShareResponse, 'POST', `/api/v1/runs/${encodeURIComponent(runId)}/shares`, true, options)).share,
  listShares: async (conn: ServerConnection, runId: string): Promise<Share[]> =>
    (await request(conn, ShareListResponse, 'GET', `/api/v1/runs/${encodeURIComponent(runId)}/shares`)).shares,
  revokeShare: async (conn: ServerConnection, token: string): Promise<void> => {
    await request(conn, z.unknown(), 'DELETE', `/api/v1/shares/${encodeURIComponent(token)}`);
  },

  /** What a share link shows; needs no token. */
  sharedRun: (conn: ServerConnection, token: string) => request(conn, SharedRunResponse, 'GET', `/api/v1/shares/${encodeURIComponent(token)}`, false),
  sharedHistory: (conn: ServerConnection, token: string, key: string, maxPoints = 1_000) =>
    request(conn, HistoryResponse, 'GET', `/api/v1/shares/${encodeURIComponent(token)}/metrics/history?${new URLSearchParams({ key, maxPoints: String(maxPoints) })}`, false),
  sharedArtifactUrl: (conn: ServerConnection, token: string, artifactId: string) =>
    `${conn.baseUrl.replace(/\/+$/, '')}/api/v1/shares/${encodeURIComponent(token)}/artifacts/${encodeURIComponent(artifactId)}`,
};
