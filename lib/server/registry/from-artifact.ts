import type { ModelFormat } from '@/lib/registry/api';
import type { Artifact, Run } from '@/lib/track/schemas';

/**
 * What a run's artifact says about the model version made from it: its format, the lineage the
 * run carries and the ONNX export's verification report. One place, so the native API, the
 * MLflow API and `bench.register` record the same fields.
 */

/** The format of a loadable model file, or null when the artifact is not one. */
export function modelFormatOf(a: Pick<Artifact, 'kind' | 'name'>): ModelFormat | null {
  if (a.kind === 'onnx' || a.kind === 'onnx-int8' || /\.onnx$/i.test(a.name)) return 'onnx';
  // A tfjs checkpoint (model.json + weights) is what the notebook's training saves.
  if (a.kind === 'checkpoint' || /(^|\/)model\.json$/i.test(a.name)) return 'tfjs';
  return null;
}

/** runId, code snapshot hash, data fingerprint and sweep: the provenance a model page links to. */
export function lineageOf(run: Run): Record<string, unknown> {
  return {
    runId: run.id,
    runName: run.name,
    projectId: run.projectId,
    ...(run.code ? { codeSnapshot: run.code.sha256 } : {}),
    ...(run.datasetFingerprint ? { dataFingerprint: run.datasetFingerprint } : {}),
    ...(run.sweepId ? { sweepId: run.sweepId } : {}),
    ...(run.trialId ? { trialId: run.trialId } : {}),
  };
}

/**
 * The verification report an ONNX export stored with its file (lib/bench/export/run-export.ts
 * puts it in the artifact's meta: quantize, sizeRatio, top1Agreement, passed, sample, and the
 * full `report` when the exporter keeps one). null for anything else.
 */
export function verificationOf(a: Pick<Artifact, 'kind' | 'name' | 'meta'>): unknown | null {
  if (modelFormatOf(a) !== 'onnx' || !a.meta) return null;
  const { report, ...summary } = a.meta as Record<string, unknown>;
  if (report !== undefined) return { ...summary, report };
  return 'passed' in summary || 'top1Agreement' in summary ? summary : null;
}

/** The source URI of a version registered from our own artifact store. */
export const benchtopSource = (runId: string, artifactId: string) => `benchtop:/runs/${runId}/artifacts/${artifactId}`;
