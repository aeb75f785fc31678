import { ApiError, serverApi, type ServerConnection } from '../sync-api-client';
import type { RunSnapshot, RunSource } from './run-source';

/** A running run on the server is read again this often (ms): an MLflow client or another browser logs to it. */
const SERVER_LIVE_MS = 3_000;

/** The read, or null when the server answers 404 (no such run or report, deleted, link revoked). */
export async function orMissing<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

async function bytesOf(conn: ServerConnection, url: string): Promise<Uint8Array> {
  const res = await (conn.fetch ?? globalThis.fetch)(url);
  if (!res.ok) throw new ApiError(res.status, 'download_failed', `the server answered HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** A run on the sync server (made on another machine, synced from this one, or by an MLflow client). */
export function serverRunSource(runId: string, conn: ServerConnection): RunSource {
  return {
    id: `server:${conn.baseUrl}:${runId}`,
    liveMs: SERVER_LIVE_MS,
    load: () =>
      orMissing(
        Promise.all([serverApi.getRun(conn, runId), serverApi.metricKeys(conn, runId), serverApi.artifacts(conn, runId)]).then(
          ([run, metricKeys, artifacts]): RunSnapshot => ({ origin: 'server', run, metricKeys, artifacts, includeCode: true }),
        ),
      ),
    history: (key, maxPoints) => serverApi.history(conn, runId, key, maxPoints),
    artifactHref: () => undefined,
    download: (a) => serverApi.artifactBytes(conn, runId, a.id),
  };
}

/** A share link's run, read-only and without credentials (answered by the page's own server by default). */
export function sharedRunSource(token: string, conn: ServerConnection = { baseUrl: '' }): RunSource {
  return {
    id: `share:${conn.baseUrl}:${token}`,
    liveMs: SERVER_LIVE_MS,
    load: () =>
      orMissing(serverApi.sharedRun(conn, token).then((s): RunSnapshot => ({ origin: 'share', run: s.run, metricKeys: s.metricKeys, artifacts: s.artifacts, includeCode: s.includeCode }))),
    history: (key, maxPoints) => serverApi.sharedHistory(conn, token, key, maxPoints),
    artifactHref: (a) => serverApi.sharedArtifactUrl(conn, token, a.id),
    download: (a) => bytesOf(conn, serverApi.sharedArtifactUrl(conn, token, a.id)),
  };
}
