import { createHash } from 'node:crypto';
import type { ModelFormat } from '@/lib/registry/api';
import { artifactKey } from '../../artifact-store';
import { lineageOf } from '../../registry/from-artifact';
import type { Services } from '../../services';
import { artifactPathProblem } from '../artifacts/artifact-path';
import { locateSource } from './source';

/** What a version registered through MLflow's API records beside its source. */
export interface MlflowVersionFields {
  runId: string | null;
  artifact: { runId: string; artifactId: string } | null;
  format: ModelFormat;
  lineage: Record<string, unknown>;
}

/**
 * The ONNX file of a logged model folder: the `onnx` flavour's `data` file named in its MLmodel,
 * else the folder's only `.onnx` file; or the source itself when it is an `.onnx` file.
 */
async function onnxFileOf(services: Services, treePath: string): Promise<string | null> {
  const tree = services.mlflowArtifacts;
  const kind = await tree.kind(treePath);
  if (kind === 'file') return treePath.toLowerCase().endsWith('.onnx') ? treePath : null;
  if (kind !== 'dir') return null;
  const mlmodel = await tree.read(`${treePath}/MLmodel`);
  if (mlmodel && mlmodel.sizeBytes < 1_000_000) {
    const text = await new Response(mlmodel.stream).text();
    const data = /^ {2}onnx:\n(?: {4}.*\n)*? {4}data: (\S+)$/m.exec(text)?.[1];
    if (data && !artifactPathProblem(data) && (await tree.kind(`${treePath}/${data}`)) === 'file') return `${treePath}/${data}`;
  }
  const onnx = (await tree.walk(treePath)).filter((f) => f.path.toLowerCase().endsWith('.onnx'));
  return onnx.length === 1 ? `${treePath}/${onnx[0].path}` : null;
}

/**
 * Copies a logged model's ONNX file into the run's artifacts (kind 'onnx'), so the server can
 * load and serve it like an exported one. Streamed and hashed; the same file registered twice
 * is one artifact (its id comes from the path).
 */
async function importOnnx(services: Services, runId: string, file: string): Promise<{ runId: string; artifactId: string } | null> {
  const bytes = await services.mlflowArtifacts.read(file);
  if (!bytes) return null;
  const tag = createHash('sha256').update(file).digest('hex').slice(0, 16);
  const artifactId = `${runId}.mlflow.${tag}`.length <= 64 ? `${runId}.mlflow.${tag}` : `mlflow.${tag}`;
  const key = artifactKey(runId, artifactId);
  const hash = createHash('sha256');
  async function* hashed() {
    for await (const chunk of bytes!.stream) {
      hash.update(chunk);
      yield chunk;
    }
  }
  await services.artifactStore.write(key, hashed());
  const name = file.slice(file.lastIndexOf('/') + 1);
  await services.artifacts.put(
    { id: artifactId, runId, name, kind: 'onnx', sizeBytes: bytes.sizeBytes, sha256: hash.digest('hex'), createdAt: Date.now(), meta: { mlflowArtifactPath: file } },
    key,
  );
  return { runId, artifactId };
}

/** The run, lineage and (for an ONNX model) the servable file of a version created through MLflow's API. */
export async function versionFromMlflowSource(services: Services, source: string, runId: string | null): Promise<MlflowVersionFields> {
  const at = await locateSource(services, source, runId);
  const id = runId ?? at?.runId ?? null;
  const run = id ? await services.runs.get(id) : undefined;
  const lineage = run ? lineageOf(run) : id ? { runId: id } : {};
  let artifact: MlflowVersionFields['artifact'] = null;
  if (run && at && !artifactPathProblem(at.treePath)) {
    const file = await onnxFileOf(services, at.treePath);
    if (file) artifact = await importOnnx(services, run.id, file);
  }
  return { runId: id, artifact, format: artifact ? 'onnx' : 'mlflow', lineage };
}
