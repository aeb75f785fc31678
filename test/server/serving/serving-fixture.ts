import { ModelVersionResponse } from '@/lib/registry/api';
import { jsonInit, type TestServer } from '../harness';
import { registerVia, runWithArtifact } from '../registry/registry-fixture';

/** Registers `bytes` (an ONNX file) as the next version of `name`, from a fresh run's artifact. */
export async function registerOnnx(s: TestServer, name: string, bytes: Uint8Array, meta: Record<string, unknown> = { quantize: 'int8', passed: true }): Promise<number> {
  const { run, artifact } = await runWithArtifact(s, { bytes, meta });
  const res = await registerVia(s.api, name, { runId: run.id, artifactId: artifact.id });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return ModelVersionResponse.parse(await res.json()).version.version;
}

export const predictPath = (name: string, ref: string | number) => `/api/v1/models/${encodeURIComponent(name)}/${ref}/predict`;

/** POST a JSON predict with one input. */
export const predictJson = (s: TestServer, name: string, ref: string | number, inputs: Record<string, unknown>) => s.api(predictPath(name, ref), jsonInit('POST', { inputs }));

/** A [rows, 784] batch of constant-valued rows (v, v+0.1, …), as nested arrays. */
export const digitRows = (values: number[]) => values.map((v) => new Array<number>(784).fill(v));
