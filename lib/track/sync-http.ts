import { ARTIFACT_META_HEADER, encodeArtifactMeta, SHA256_HEADER, runToWire } from './api';
import { assertNever } from '../shared/assert-never';
import type { Artifact } from './schemas';
import { metricsBody, type SyncRequest } from './sync-plan';

/**
 * How a failed request should be treated:
 * - `transient`: the server is down, overloaded or unreachable → back off, retry everything.
 * - `auth`: 401/403 → nothing can succeed until the token is fixed; back off.
 * - `too-large`: 413 → split and retry.
 * - `rejected`: any other 4xx → this entry cannot succeed as is; hold its run back, go on.
 */
export type FailureKind = 'transient' | 'auth' | 'too-large' | 'rejected';

export class SyncRequestError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    /** The server's Retry-After (a 503 while its database is busy), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Retry-After in seconds (the only form this server sends), capped at a minute. */
function retryAfterMsOf(res: Response): number | undefined {
  const header = res.headers.get('retry-after');
  if (!header || !/^\d+$/.test(header.trim())) return undefined;
  return Math.min(60_000, Number(header) * 1000);
}

export interface HttpOptions {
  baseUrl: string;
  token?: string | null;
  fetch: typeof fetch;
  timeoutMs: number;
}

function classify(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 413) return 'too-large';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'rejected';
}

async function send(http: HttpOptions, method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), http.timeoutMs);
  const allHeaders: Record<string, string> = { ...headers };
  if (http.token) allHeaders.authorization = `Bearer ${http.token}`;
  let res: Response;
  try {
    res = await http.fetch(`${http.baseUrl}${path}`, { method, body, headers: allHeaders, signal: controller.signal });
  } catch (err) {
    throw new SyncRequestError('transient', `cannot reach ${http.baseUrl || 'the server'}: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (res.ok) {
    await res.arrayBuffer().catch(() => undefined); // drain so the connection can be reused
    return res;
  }
  let message = `HTTP ${res.status}`;
  try {
    const parsed = (await res.json()) as { error?: { message?: string; field?: string } };
    if (parsed.error?.message) message = `${message}: ${parsed.error.message}${parsed.error.field ? ` (field ${parsed.error.field})` : ''}`;
  } catch {
    // not our JSON error body (a proxy's page): the status says enough
  }
  throw new SyncRequestError(classify(res.status), message, res.status, retryAfterMsOf(res));
}

/** Sends one planned request; artifacts are read from the store only when their turn comes. */
export async function sendRequest(
  http: HttpOptions,
  req: SyncRequest,
  getArtifact: (id: string) => Promise<{ meta: Artifact; bytes: Uint8Array } | undefined>,
): Promise<void> {
  const run = `/api/v1/runs/${encodeURIComponent(req.runId)}`;
  switch (req.kind) {
    case 'run':
      await send(http, 'PUT', run, JSON.stringify(runToWire(req.run)), { 'content-type': 'application/json' });
      return;
    case 'metrics':
      await send(http, 'POST', `${run}/metrics`, metricsBody(req.points), { 'content-type': 'application/json' });
      return;
    case 'artifact': {
      const found = await getArtifact(req.artifactId);
      if (!found) return; // deleted locally since: nothing left to ship
      await send(http, 'PUT', `${run}/artifacts/${encodeURIComponent(req.artifactId)}`, found.bytes as Uint8Array<ArrayBuffer>, {
        'content-type': 'application/octet-stream',
        [SHA256_HEADER]: found.meta.sha256,
        [ARTIFACT_META_HEADER]: encodeArtifactMeta(found.meta),
      });
      return;
    }
    default:
      assertNever(req, 'sync request');
  }
}
