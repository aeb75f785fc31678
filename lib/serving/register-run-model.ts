import type { ModelVersionWire } from '../registry/api';
import type { RunStore } from '../track/run-store';
import type { ServerConnection } from '../track/sync-api-client';
import { sendRequest } from '../track/sync-http';
import type { Artifact } from '../track/schemas';
import { modelsApi } from './client';

/**
 * Registers a run's exported ONNX file (the newest, or `artifactId`) as the next version of
 * `name`, through the registry's native POST. The run and the file are sent first (idempotent
 * PUTs, as sync would send them), so a model exported a second ago registers without waiting
 * for the sync outbox. Used by the run page's Register model button and `bench.register`.
 */

export const isOnnxArtifact = (a: Pick<Artifact, 'kind' | 'name'>) => a.kind === 'onnx' || a.kind === 'onnx-int8' || /\.onnx$/i.test(a.name);

export async function registerRunModel(opts: { conn: ServerConnection; store: RunStore; runId: string; name: string; artifactId?: string; description?: string }): Promise<ModelVersionWire> {
  const { conn, store, runId } = opts;
  const run = await store.getRun(runId);
  if (!run) throw new Error(`no run "${runId}" in this browser's storage`);
  const onnx = (await store.listArtifacts(runId)).filter(isOnnxArtifact).sort((a, b) => a.createdAt - b.createdAt);
  const artifact = opts.artifactId ? onnx.find((a) => a.id === opts.artifactId) : onnx.at(-1);
  if (!artifact) throw new Error(opts.artifactId ? `run "${runId}" has no ONNX artifact "${opts.artifactId}"` : `run "${runId}" has no exported ONNX file yet: press Export ONNX (or call bench.export) first`);
  const http = { baseUrl: conn.baseUrl.replace(/\/+$/, ''), token: conn.token ?? null, fetch: conn.fetch ?? ((i: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(i, init)), timeoutMs: 120_000 };
  const get = (id: string) => store.getArtifact(id);
  await sendRequest(http, { kind: 'run', runId, run, seqs: [] }, get);
  await sendRequest(http, { kind: 'artifact', runId, artifactId: artifact.id, seqs: [] }, get);
  return (await modelsApi.register(conn, opts.name, { runId, artifactId: artifact.id, ...(opts.description ? { description: opts.description } : {}) })).version;
}
