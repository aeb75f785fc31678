import { createHash } from 'node:crypto';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import type { Artifact, Run } from '@/lib/track/schemas';
import { jsonInit, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/** The meta an ONNX export stores with its file (lib/bench/export/run-export.ts). */
export const EXPORT_META = { quantize: 'int8', checkpointId: 'ck-1', epoch: 3, fp32SizeBytes: 400, sizeRatio: 0.27, top1Agreement: 0.99, passed: true, sample: '200 validation rows' };

/** A run with lineage (code, data fingerprint, sweep) and one uploaded artifact of `kind`. */
export async function runWithArtifact(
  s: TestServer,
  opts: { kind?: Artifact['kind']; name?: string; meta?: Record<string, unknown>; run?: Partial<Run>; bytes?: Uint8Array } = {},
): Promise<{ run: Run; artifact: Artifact; bytes: Uint8Array }> {
  const run = makeRun({ sweepId: 'sw-1', trialId: 't-1', ...opts.run });
  const put = await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
  if (put.status !== 200 && put.status !== 201) throw new Error(`run upload: ${put.status} ${await put.text()}`);
  const bytes = opts.bytes ?? new TextEncoder().encode(`onnx bytes of ${run.id}`);
  const artifact: Artifact = {
    id: `${run.id}.onnx-int8.1`,
    runId: run.id,
    name: opts.name ?? 'model-int8.onnx',
    kind: opts.kind ?? 'onnx-int8',
    sizeBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdAt: Date.now(),
    meta: opts.meta ?? EXPORT_META,
  };
  const res = await s.api(`/api/v1/runs/${run.id}/artifacts/${artifact.id}`, {
    method: 'PUT',
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { 'content-type': 'application/octet-stream', [SHA256_HEADER]: artifact.sha256, [ARTIFACT_META_HEADER]: encodeArtifactMeta(artifact) },
  });
  if (res.status !== 200) throw new Error(`artifact upload: ${res.status} ${await res.text()}`);
  return { run, artifact, bytes };
}

/** POST /api/v1/models/:name/versions. */
export const registerVia = (api: (p: string, i?: RequestInit) => Promise<Response>, name: string, body: unknown) =>
  api(`/api/v1/models/${encodeURIComponent(name)}/versions`, jsonInit('POST', body));
