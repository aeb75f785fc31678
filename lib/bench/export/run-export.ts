import type { ProgressListener } from '../../onnx/progress';
import type { ExportReport, QuantizeMode } from '../../onnx/report';
import { exportInputNote } from './input-note';
import { sha256Hex } from '../../data/sha256';
import type { RunStore } from '../../track/run-store';
import type { Artifact } from '../../track/schemas';
import { bytesToModel } from '../checkpoint';
import type { Tf } from '../../kernel/session';
import { validationSampleFor } from './validation-sample';
import { driftReference, type DriftReference } from '../../serving/drift';

/**
 * Export ONNX from a run's page: the run's latest checkpoint → ONNX (int8 by default), verified
 * in onnxruntime-web against tfjs on the run's validation data, stored as an artifact of the run.
 * Runs in the export worker (export.worker.ts); Node tests call it with fake-indexeddb.
 */

export type ExportStage = 'checkpoint' | 'sample' | 'verify' | 'save';

/** Stages in order, with what the user is told while each runs. */
export const EXPORT_STAGES: readonly { stage: ExportStage; label: string }[] = [
  { stage: 'checkpoint', label: 'Reading the latest checkpoint' },
  { stage: 'sample', label: 'Preparing the validation sample' },
  { stage: 'verify', label: 'Exporting and verifying in onnxruntime-web' },
  { stage: 'save', label: 'Saving the ONNX file to this run' },
];

export interface RunExportResult {
  artifact: Artifact;
  report: ExportReport;
  sample: { source: 'dataset' | 'generated'; description: string };
  checkpoint: { id: string; name: string; epoch: number | null };
}

/** An export that could not start or finish; `layer` is set when the exporter does not know a layer. */
export class RunExportError extends Error {
  constructor(
    message: string,
    readonly layer: { name: string; className: string } | null = null,
  ) {
    super(message);
    this.name = 'RunExportError';
  }
}

/** The checkpoint an export starts from (the latest), or why there is none. */
export async function latestCheckpoint(store: RunStore, runId: string): Promise<Artifact | null> {
  const checkpoints = (await store.listArtifacts(runId)).filter((a) => a.kind === 'checkpoint');
  return checkpoints.sort((a, b) => a.createdAt - b.createdAt).at(-1) ?? null;
}

const ONNX_KIND = { none: 'onnx', int8: 'onnx-int8', 'int8-static': 'onnx-int8', fp16: 'onnx' } as const;
const FILE_SUFFIX = { none: 'fp32', int8: 'int8', 'int8-static': 'int8-static', fp16: 'fp16' } as const;

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}

/** The drift reference of the validation inputs, keyed by the model's input layer names. */
async function driftReferenceOf(model: { inputs: { sourceLayer: { name: string } }[] }, x: Parameters<typeof tensorRows>[0] | Parameters<typeof tensorRows>[0][]): Promise<DriftReference> {
  const xs = Array.isArray(x) ? x : [x];
  return driftReference(Object.fromEntries(await Promise.all(xs.map(async (t, i) => [model.inputs[i]?.sourceLayer.name ?? `input_${i}`, await tensorRows(t)] as const))));
}

async function tensorRows(t: { shape: number[]; data(): Promise<ArrayLike<number> | Uint8Array[]> }): Promise<{ data: ArrayLike<number>; rows: number }> {
  return { data: (await t.data()) as ArrayLike<number>, rows: t.shape[0] };
}

export async function exportRunCheckpoint(options: {
  tf: Tf;
  store: RunStore;
  runId: string;
  quantize?: QuantizeMode;
  onStage?: (stage: ExportStage) => void;
  /** The exporter's progress within the 'verify' stage. */
  onProgress?: ProgressListener;
  now?: () => number;
}): Promise<RunExportResult> {
  const { tf, store, runId } = options;
  const quantize = options.quantize ?? 'int8';
  const stage = options.onStage ?? (() => {});
  const now = options.now ?? Date.now;

  stage('checkpoint');
  const run = await store.getRun(runId);
  if (!run) throw new RunExportError(`No run "${runId}" in this browser's storage.`);
  const checkpoint = await latestCheckpoint(store, runId);
  if (!checkpoint) throw new RunExportError('This run has no checkpoint: train with bench.train({ checkpointEvery }) or let it finish.');
  const stored = await store.getArtifact(checkpoint.id);
  if (!stored) throw new RunExportError(`Checkpoint ${checkpoint.name} is listed but its bytes are missing from this browser's storage.`);
  const model = await bytesToModel(tf, stored.bytes);

  try {
    stage('sample');
    const sample = await validationSampleFor(tf, { model, fingerprint: run.datasetFingerprint });
    let verified: Awaited<ReturnType<typeof import('../../onnx').exportAndVerify>>;
    let reference: DriftReference;
    try {
      stage('verify');
      // onnxruntime-web is large: loaded only when an export runs.
      const onnx = await import('../../onnx');
      try {
        verified = await onnx.exportAndVerify(model, { sample: { x: sample.x, y: sample.y }, quantize, runId, onProgress: options.onProgress });
      } catch (e) {
        if (e instanceof onnx.LayerExportError) {
          throw new RunExportError(`The ONNX exporter does not support ${e.message}. Nothing was saved; the run and its checkpoints are unchanged.`, { name: e.layerName, className: e.className });
        }
        throw e;
      }
      reference = await driftReferenceOf(model, sample.x);
    } finally {
      sample.dispose();
    }
    verified.report.notes.push(`verified on ${sample.description}`);
    const inputNote = exportInputNote(run.datasetFingerprint);
    if (inputNote) verified.report.notes.push(inputNote);

    stage('save');
    const createdAt = now();
    const epoch = typeof checkpoint.meta?.epoch === 'number' ? checkpoint.meta.epoch : null;
    const artifact: Artifact = {
      id: `${runId}.${ONNX_KIND[quantize]}.${createdAt.toString(36)}`,
      runId,
      name: `${safeFileName(run.name || runId)}-${FILE_SUFFIX[quantize]}.onnx`,
      kind: ONNX_KIND[quantize],
      sizeBytes: verified.bytes.byteLength,
      sha256: await sha256Hex(verified.bytes),
      createdAt,
      meta: {
        quantize,
        checkpointId: checkpoint.id,
        epoch,
        fp32SizeBytes: verified.fp32Bytes.byteLength,
        sizeRatio: verified.report.sizeRatio,
        top1Agreement: verified.report.models.at(-1)?.top1Agreement ?? null,
        passed: verified.report.passed,
        sample: sample.description,
        // What served inputs are compared with for drift (lib/serving/drift.ts).
        driftReference: reference,
      },
    };
    await store.putArtifact(artifact, verified.bytes);
    return { artifact, report: verified.report, sample: { source: sample.source, description: sample.description }, checkpoint: { id: checkpoint.id, name: checkpoint.name, epoch } };
  } finally {
    model.dispose();
  }
}
