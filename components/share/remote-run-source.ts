import type { z } from 'zod';
import type { HistoryResponse, MetricKeyInfo } from '@/lib/track/api';
import type { Artifact, Run } from '@/lib/track/schemas';
import { serverApi, type ServerConnection } from '@/lib/track/sync-api-client';

export interface RemoteRun {
  /** false on a share link whose sharer left the code out (run.code is then null). */
  includeCode?: boolean;
  run: Run;
  metricKeys: Array<z.output<typeof MetricKeyInfo>>;
  artifacts: Artifact[];
}

/**
 * Where a read-only run view reads from: a share link (no token) or the workspace API (token).
 * Both serve the same data; only the paths and credentials differ.
 */
export interface RemoteRunSource {
  /** Stable id for React effects. */
  id: string;
  load(): Promise<RemoteRun>;
  history(key: string, maxPoints: number): Promise<z.output<typeof HistoryResponse>>;
  /** A plain link when no credentials are needed, else undefined and `download` is used. */
  artifactHref(artifact: Artifact): string | undefined;
  download(artifact: Artifact): Promise<Uint8Array>;
}

/** A share link, answered by the page's own server. */
export function shareSource(token: string, conn: ServerConnection = { baseUrl: '' }): RemoteRunSource {
  return {
    id: `share:${token}`,
    load: () => serverApi.sharedRun(conn, token),
    history: (key, maxPoints) => serverApi.sharedHistory(conn, token, key, maxPoints),
    artifactHref: (a) => serverApi.sharedArtifactUrl(conn, token, a.id),
    download: async (a) => new Uint8Array(await (await fetch(serverApi.sharedArtifactUrl(conn, token, a.id))).arrayBuffer()),
  };
}

/** A run on the sync server (made on another machine, or by an MLflow client). */
export function workspaceSource(runId: string, conn: ServerConnection): RemoteRunSource {
  return {
    id: `run:${conn.baseUrl}:${runId}`,
    async load() {
      const [run, metricKeys, artifacts] = await Promise.all([serverApi.getRun(conn, runId), serverApi.metricKeys(conn, runId), serverApi.artifacts(conn, runId)]);
      return { run, metricKeys, artifacts };
    },
    history: (key, maxPoints) => serverApi.history(conn, runId, key, maxPoints),
    artifactHref: () => undefined,
    download: (a) => serverApi.artifactBytes(conn, runId, a.id),
  };
}
