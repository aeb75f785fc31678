'use client';

import { announceArtifactsChanged } from '@/lib/runs/artifact-events';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert } from '@/components/ui/card';
import { Button, buttonClasses } from '@/components/ui/button';
import { DownloadIcon } from '@/components/ui/icons';
import { downloadBlob } from '@/components/ui/download';
import { formatBytes } from '@/components/ui/format';
import { ProgressBar } from '@/components/ui/progress-bar';
import { getRunStore } from '@/lib/track/tab-stores';
import type { ExportStage, RunExportResult } from '@/lib/bench/export/run-export';
import type { ExportProgress } from '@/lib/onnx/progress';
import type { QuantizeMode } from '@/lib/onnx/report';
import { INPUT_NOTE } from '@/lib/bench/export/input-note';
import type { Artifact, Run } from '@/lib/track/schemas';

/** Same order and words as EXPORT_STAGES in lib/bench/export/run-export.ts (not imported: it would pull the exporter's code into this page). */
const STAGES: readonly { stage: ExportStage; label: string }[] = [
  { stage: 'checkpoint', label: 'Reading the latest checkpoint' },
  { stage: 'sample', label: 'Preparing the validation sample' },
  { stage: 'verify', label: 'Exporting and verifying in onnxruntime-web' },
  { stage: 'save', label: 'Saving the ONNX file to this run' },
];

const MODES: readonly { mode: QuantizeMode; title: string; detail: string }[] = [
  { mode: 'int8', title: 'int8 weights', detail: 'Weights int8 per output channel, activations float: about 4× smaller; runs on wasm and WebGPU.' },
  { mode: 'int8-static', title: 'int8 weights and activations', detail: 'Activations calibrated on the validation sample; under WebGPU part of it falls back to the CPU.' },
  { mode: 'none', title: 'fp32', detail: 'No quantization: the exact weights.' },
];

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; stage: ExportStage; startedAt: number; detail?: ExportProgress }
  | { status: 'done'; result: RunExportResult; elapsedMs: number }
  | { status: 'failed'; message: string; layer: { name: string; className: string } | null };

/** The checkpoint an export would start from; null when the run has none (or this browser cannot read it). */
function useLatestCheckpoint(run: Run): { loading: boolean; checkpoint: Artifact | null } {
  const q = useQuery({
    // updatedAt in the key: a running run's checkpoints appear as it trains.
    queryKey: ['latest-checkpoint', run.id, run.updatedAt],
    queryFn: async () => (await (await getRunStore()).listArtifacts(run.id)).filter((a) => a.kind === 'checkpoint').sort((a, b) => a.createdAt - b.createdAt).at(-1) ?? null,
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });
  return { loading: q.isPending, checkpoint: q.data ?? null };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function Result({ result }: { result: RunExportResult }) {
  const { report, artifact } = result;
  const exported = report.models.at(-1)!;
  const fp32 = report.models[0];
  const [downloadError, setDownloadError] = useState<string | null>(null);
  async function download() {
    setDownloadError(null);
    const found = await (await getRunStore()).getArtifact(artifact.id);
    if (!found) setDownloadError(`${artifact.name} is no longer in this browser's storage.`);
    else downloadBlob(new Blob([found.bytes.slice()], { type: 'application/octet-stream' }), artifact.name);
  }
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div data-testid="onnx-export-size" data-size-ratio={report.sizeRatio ?? 1}>
          <dt className="text-xs text-zinc-500">Size</dt>
          <dd className="font-mono tabular-nums text-zinc-900">
            {report.sizeRatio === null ? formatBytes(exported.sizeBytes) : `${formatBytes(exported.sizeBytes)} vs fp32 ${formatBytes(fp32.sizeBytes)}`}
          </dd>
          {report.sizeRatio !== null && <dd className="text-xs text-zinc-500">{report.sizeRatio.toFixed(3)} of fp32 ({(1 / report.sizeRatio).toFixed(1)}× smaller)</dd>}
        </div>
        <div data-testid="onnx-export-agreement" data-agreement={exported.top1Agreement ?? ''} data-max-abs-diff={exported.maxAbsDiff}>
          <dt className="text-xs text-zinc-500">Agreement with TensorFlow.js</dt>
          <dd className="font-mono tabular-nums text-zinc-900">{exported.top1Agreement === null ? `max |Δ| ${exported.maxAbsDiff.toExponential(1)}` : `${pct(exported.top1Agreement)} top-1`}</dd>
          <dd className="text-xs text-zinc-500">max |Δ| {exported.maxAbsDiff.toExponential(1)}</dd>
        </div>
        {exported.accuracy !== null && (
          <div>
            <dt className="text-xs text-zinc-500">Accuracy on the sample</dt>
            <dd className="font-mono tabular-nums text-zinc-900">
              {exported.format} {pct(exported.accuracy)}
              {report.tfjs.accuracy !== null && <span className="text-zinc-500"> · tfjs {pct(report.tfjs.accuracy)}</span>}
            </dd>
          </div>
        )}
        <div>
          <dt className="text-xs text-zinc-500">onnxruntime-web wasm</dt>
          <dd className="font-mono tabular-nums text-zinc-900">{exported.latencyMsPerBatch.wasm.toFixed(2)} ms / batch of {report.sample.batchSize}</dd>
        </div>
      </dl>
      <p className="text-xs text-zinc-600">
        Measured on {result.sample.description}.{' '}
        {exported.top1Agreement === null
          ? 'The outputs are not class scores, so agreement is the largest difference between the ONNX file and tfjs over every output value.'
          : `Agreement is the share of those samples where the ${exported.format} ONNX file's top class is the one TensorFlow.js predicts with the checkpoint.`}
      </p>
      {report.notes.filter((n) => n.startsWith(INPUT_NOTE)).map((n) => (
        <p key={n} data-testid="onnx-export-input" className="text-xs text-zinc-600">The file&apos;s {n}.</p>
      ))}
      {!report.passed && (
        <Alert tone="amber" title="Outside the export tolerances">
          <ul className="list-disc pl-4">{report.failures.map((f) => <li key={f}>{f}</li>)}</ul>
        </Alert>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button icon={<DownloadIcon />} onClick={() => void download()}>Download .onnx</Button>
        <Link className={buttonClasses('primary')} href={`/infer?artifact=${encodeURIComponent(artifact.id)}`}>Open in inference</Link>
        <span className="truncate font-mono text-xs text-zinc-500" title={artifact.id}>{artifact.name}</span>
      </div>
      {downloadError && <p role="alert" className="text-sm text-red-600">{downloadError}</p>}
    </div>
  );
}

function Progress({ stage, startedAt, detail }: { stage: ExportStage; startedAt: number; detail?: ExportProgress }) {
  const index = STAGES.findIndex((s) => s.stage === stage);
  // Within 'verify' (most of the time for a big model) the exporter's own fraction fills the step.
  const within = stage === 'verify' && detail ? detail.fraction : 0.5;
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="space-y-2" data-testid="onnx-export-progress">
      <ProgressBar value={(index + within) / STAGES.length} label="Export progress" />
      <p className="flex justify-between gap-2 text-xs text-zinc-600">
        <span>
          Step {index + 1} of {STAGES.length}: {STAGES[index].label}…
          {stage === 'verify' && detail && (
            <span className="block" data-testid="onnx-export-detail">
              {detail.label}
              {detail.etaSeconds !== null && ` · about ${Math.max(1, Math.round(detail.etaSeconds))} s left`}
            </span>
          )}
        </span>
        <span className="font-mono tabular-nums">{Math.max(0, Math.round((now - startedAt) / 1000))} s</span>
      </p>
    </div>
  );
}

/**
 * Export ONNX on a run's page: the latest checkpoint → ONNX (int8 by default), verified in
 * onnxruntime-web against TensorFlow.js on the run's validation data, saved as an artifact of the
 * run, then downloadable or opened on /infer. The work runs in a worker loaded on click.
 */
export function ExportOnnxButton({ run }: { run: Run }) {
  const { loading, checkpoint } = useLatestCheckpoint(run);
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<QuantizeMode>('int8');
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  async function start() {
    const startedAt = Date.now();
    setState({ status: 'running', stage: 'checkpoint', startedAt });
    try {
      const { exportRunInWorker } = await import('@/lib/bench/export/client');
      const result = await exportRunInWorker({
        runId: run.id,
        quantize: mode,
        onStage: (stage) => setState({ status: 'running', stage, startedAt }),
        onProgress: (detail) => setState({ status: 'running', stage: 'verify', startedAt, detail }),
      });
      setState({ status: 'done', result, elapsedMs: Date.now() - startedAt });
      announceArtifactsChanged(run.id);
    } catch (e) {
      const layer = e && typeof e === 'object' && 'layer' in e ? (e.layer as { name: string; className: string } | null) : null;
      setState({ status: 'failed', message: e instanceof Error ? e.message : String(e), layer });
    }
  }

  if (!loading && !checkpoint) {
    const reason = 'This run saved no checkpoint, so there is no model to export. Train with bench.train({ checkpointEvery: 1 }) or let the run finish.';
    return (
      <span className="inline-flex items-center gap-2" title={reason}>
        <Button disabled aria-describedby={`export-onnx-reason-${run.id}`}>Export ONNX</Button>
        <span id={`export-onnx-reason-${run.id}`} className="text-xs text-zinc-500">No checkpoint to export</span>
      </span>
    );
  }

  const running = state.status === 'running';
  return (
    <div className="relative">
      <Button onClick={() => setOpen(!open)} aria-expanded={open} disabled={loading}>
        Export ONNX
      </Button>
      {open && (
        <div role="dialog" aria-label="Export ONNX" className="absolute right-0 z-20 mt-2 w-[32rem] max-w-[90vw] space-y-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg">
          <p className="text-sm text-zinc-700">
            Exports the latest checkpoint{checkpoint && <span className="font-mono text-xs"> {checkpoint.name}</span>}
            {typeof checkpoint?.meta?.epoch === 'number' && ` (epoch ${checkpoint.meta.epoch})`} to ONNX, then runs the file in onnxruntime-web next to TensorFlow.js on the run’s validation data.
          </p>
          <fieldset className="space-y-1.5" disabled={running}>
            <legend className="mb-1 text-xs font-medium text-zinc-500">Quantization</legend>
            {MODES.map((m) => (
              <label key={m.mode} className="flex cursor-pointer items-start gap-2 text-sm">
                <input type="radio" name={`onnx-mode-${run.id}`} className="mt-1" checked={mode === m.mode} onChange={() => setMode(m.mode)} />
                <span>
                  <span className="font-medium text-zinc-900">{m.title}</span>
                  {m.mode === 'int8' && <span className="text-zinc-500"> (default)</span>}
                  <span className="block text-xs text-zinc-500">{m.detail}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <Button variant="primary" onClick={() => void start()} disabled={running}>
            {state.status === 'done' || state.status === 'failed' ? 'Export again' : 'Export'}
          </Button>
          {state.status === 'running' && <Progress stage={state.stage} startedAt={state.startedAt} detail={state.detail} />}
          {state.status === 'failed' && (
            <Alert title={state.layer ? `Layer '${state.layer.name}' (${state.layer.className}) cannot be exported` : 'Export failed'}>
              {state.message}
            </Alert>
          )}
          {state.status === 'done' && (
            <>
              <p className="text-xs text-zinc-500">Exported and verified in {(state.elapsedMs / 1000).toFixed(1)} s.</p>
              <Result result={state.result} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
