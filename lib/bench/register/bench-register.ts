import type { BenchSession } from '../../kernel/session';
import { sha256Hex } from '../../data/sha256';
import { isOnnxArtifact, registerRunModel } from '../../serving/register-run-model';
import type { RunStore } from '../../track/run-store';
import type { Artifact } from '../../track/schemas';
import type { BenchRegisterOptions, BenchRegisterResult } from './types';

/**
 * `bench.register(name, options)` in a cell: registers a run's exported ONNX file as the next
 * version of model `name` on the tracking server (the registry's native POST), like the run
 * page's Register model button.
 */

async function newestRunWithOnnx(store: RunStore, projectId: string): Promise<string> {
  const runs = (await store.listRuns({ projectId })).sort((a, b) => b.createdAt - a.createdAt);
  for (const run of runs) if ((await store.listArtifacts(run.id)).some(isOnnxArtifact)) return run.id;
  throw new Error('bench.register: no run of this project has an exported ONNX file: export one (Export ONNX on the run page), or pass { runId, artifact: await bench.export(model) }');
}

/** Stores bench.export's file as an artifact of the run, as the run page's export does. */
async function storeExport(store: RunStore, runId: string, exported: { bytes: Uint8Array; report?: unknown }): Promise<string> {
  if (!(exported.bytes instanceof Uint8Array)) throw new TypeError('bench.register: options.artifact must be an artifact id or bench.export(...)\'s result ({ bytes, report })');
  const createdAt = Date.now();
  const report = exported.report as { quantize?: string; passed?: boolean } | undefined;
  const quantize = report?.quantize ?? 'int8';
  const artifact: Artifact = {
    id: `${runId}.onnx-${createdAt.toString(36)}`,
    runId,
    name: `model-${quantize === 'none' ? 'fp32' : quantize}.onnx`,
    kind: quantize === 'none' ? 'onnx' : 'onnx-int8',
    sizeBytes: exported.bytes.byteLength,
    sha256: await sha256Hex(exported.bytes),
    createdAt,
    meta: { quantize, ...(typeof report?.passed === 'boolean' ? { passed: report.passed } : {}) },
  };
  await store.putArtifact(artifact, exported.bytes);
  return artifact.id;
}

export async function benchRegister(session: BenchSession, name: string, options: BenchRegisterOptions = {}): Promise<BenchRegisterResult> {
  if (typeof name !== 'string' || !name) throw new TypeError('bench.register(name, options): name must be a non-empty string');
  const store = await session.store();
  let runId = options.runId;
  let artifactId: string | undefined;
  if (typeof options.artifact === 'string') {
    const found = await store.getArtifact(options.artifact);
    if (!found) throw new Error(`bench.register: no artifact "${options.artifact}" in this browser`);
    runId ??= found.meta.runId;
    artifactId = found.meta.id;
  }
  runId ??= await newestRunWithOnnx(store, session.context.projectId);
  if (options.artifact && typeof options.artifact === 'object') artifactId = await storeExport(store, runId, options.artifact);
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
  const version = await registerRunModel({ conn: { baseUrl: options.baseUrl ?? origin, token: options.token ?? null }, store, runId, name, artifactId, description: options.description });
  return { name: version.name, version: version.version, runId, artifactId: version.artifact?.artifactId ?? artifactId ?? '', url: `/models/${encodeURIComponent(version.name)}` };
}
