import { createHash } from 'node:crypto';
import { ModelVersionResponse } from '../../lib/registry/api';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '../../lib/track/api';
import type { Artifact } from '../../lib/track/schemas';
import { makeRun } from '../../test/server/fixtures';

/**
 * Over HTTP, as a browser's sync would: a run, its ONNX file as an artifact (with `meta`, e.g. an
 * export's verification summary and drift reference), registered as the next version of `name`.
 */
export async function registerOnnxOverHttp(opts: { baseUrl: string; token?: string; name: string; bytes: Uint8Array; meta?: Record<string, unknown>; runName?: string }): Promise<{ version: number; runId: string; artifactId: string }> {
  const { baseUrl, token } = opts;
  // No token: trusted local use (an app server on loopback, as the e2e tests run it).
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const run = makeRun({ name: opts.runName ?? opts.name });
  const put = await fetch(`${baseUrl}/api/v1/runs/${run.id}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(runToWire(run)) });
  if (!put.ok) throw new Error(`run upload: ${put.status} ${await put.text()}`);
  const artifact: Artifact = {
    id: `${run.id}.onnx-int8.1`,
    runId: run.id,
    name: `${opts.name}-int8.onnx`,
    kind: 'onnx-int8',
    sizeBytes: opts.bytes.byteLength,
    sha256: createHash('sha256').update(opts.bytes).digest('hex'),
    createdAt: Date.now(),
    meta: opts.meta ?? { quantize: 'int8' },
  };
  const up = await fetch(`${baseUrl}/api/v1/runs/${run.id}/artifacts/${artifact.id}`, {
    method: 'PUT',
    body: opts.bytes as Uint8Array<ArrayBuffer>,
    headers: { ...auth, 'content-type': 'application/octet-stream', [SHA256_HEADER]: artifact.sha256, [ARTIFACT_META_HEADER]: encodeArtifactMeta(artifact) },
  });
  if (!up.ok) throw new Error(`artifact upload: ${up.status} ${await up.text()}`);
  const reg = await fetch(`${baseUrl}/api/v1/models/${encodeURIComponent(opts.name)}/versions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ runId: run.id, artifactId: artifact.id }) });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  return { version: ModelVersionResponse.parse(await reg.json()).version.version, runId: run.id, artifactId: artifact.id };
}
