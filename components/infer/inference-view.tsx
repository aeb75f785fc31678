'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Alert, Card, PageHeader, Section, Spinner } from '@/components/ui/card';
import { formatBytes } from '@/components/ui/format';
import { classScores, type ClassScores } from '@/lib/onnx/infer/class-scores';
import { batchOneDims, inputKindFor, type InputKind } from '@/lib/onnx/infer/input-kind';
import { latencyStats, type LatencyStats } from '@/lib/onnx/infer/latency';
import { DigitCanvas } from './digit-canvas';
import { ModelDropZone } from './model-drop-zone';
import { runRepeated, type FeedValue, type LoadedModel } from './ort-session';
import { PlanePicker } from './plane-picker';
import { PredictionBars } from './prediction-bars';
import { TensorInput } from './tensor-input';
import { useOnnxModel, type ModelSource } from './use-onnx-model';
import { RegistryPicker, type RegistryChoice } from './registry-picker';
import { predictRepeated } from './server-predict';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf } from '@/lib/track/sync-settings';
import type { ServerConnection } from '@/lib/track/sync-api-client';

/** Timed runs per prediction (after one warm-up run) for the p50/p95 latency. */
const REPEATS = 20;
/** Over the network each run is a request: fewer. */
const SERVER_REPEATS = 5;

type Prediction =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; scores: ClassScores; outputDims: readonly number[]; latency: LatencyStats }
  | { status: 'error'; message: string };

function SourceLine({ source }: { source: ModelSource }) {
  return (
    <span>
      {source.name} · {formatBytes(source.sizeBytes)}
      {source.kind === 'artifact' && (
        <>
          {' · from run '}
          <Link className="text-accent-600 underline underline-offset-2" href={`/runs/${encodeURIComponent(source.runId)}`}>
            {source.runId}
          </Link>
          {source.verification && <span className="block text-xs text-zinc-500" data-testid="infer-verification">Exported as {source.verification}</span>}
        </>
      )}
      {source.kind === 'registry' && (
        <>
          {' · '}
          <Link className="text-accent-600 underline underline-offset-2" href={`/models/${encodeURIComponent(source.model)}`}>{`${source.model} v${source.version}`}</Link>
          <span data-testid="infer-target">{source.target === 'server' ? ' · runs on the server (predict)' : ' · runs in this browser'}</span>
        </>
      )}
    </span>
  );
}

function InputWidget({ model, kind, onFeed }: { model: LoadedModel; kind: InputKind; onFeed: (feeds: FeedValue[]) => void }) {
  if (model.inputs.length > 1) {
    return <Alert tone="amber" title={`This model has ${model.inputs.length} inputs`}>The inference page feeds single-input models; use the JSON API or the command line for this one.</Alert>;
  }
  switch (kind.kind) {
    case 'digit':
      return <DigitCanvas onDigit={(pixels) => pixels && onFeed([{ data: pixels, dims: batchOneDims(kind) }])} />;
    case 'plane':
      return <PlanePicker onPoint={(p) => onFeed([{ data: p, dims: batchOneDims(kind) }])} />;
    case 'json':
      return <TensorInput name={model.inputs[0].name} sampleDims={kind.sampleDims} onTensor={(t) => onFeed([t])} />;
    default: {
      const never: never = kind;
      throw new Error(`unknown input kind ${JSON.stringify(never)}`);
    }
  }
}

/** Where predictions run: this browser's session, or the server's predict for a registered version. */
type Runner = { kind: 'browser' } | { kind: 'server'; conn: ServerConnection; name: string; version: number };

function ModelPanel({ model, runner }: { model: LoadedModel; runner: Runner }) {
  const [prediction, setPrediction] = useState<Prediction>({ status: 'idle' });
  const kind = inputKindFor(model.inputs[0]);
  const predict = async (feeds: FeedValue[]) => {
    setPrediction({ status: 'running' });
    try {
      const result = runner.kind === 'server' ? await predictRepeated({ ...runner, model, inputs: feeds, repeats: SERVER_REPEATS }) : await runRepeated(model, feeds, REPEATS);
      const width = result.outputDims[result.outputDims.length - 1] ?? result.output.length;
      setPrediction({ status: 'done', scores: classScores(result.output.subarray(0, width)), outputDims: result.outputDims, latency: latencyStats(result.timesMs) });
    } catch (e) {
      setPrediction({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card className="space-y-3 p-4">
        <Section title="Input">
          <p className="text-xs text-zinc-500">
            {model.inputs.map((i) => `${i.name}: ${i.type} [${i.dims.join(', ')}]`).join('; ')}
          </p>
          <InputWidget model={model} kind={kind} onFeed={(f) => void predict(f)} />
        </Section>
      </Card>
      <Card className="space-y-4 p-4">
        <Section title="Prediction">
          {prediction.status === 'idle' && <p className="text-zinc-500">{kind.kind === 'digit' ? 'Draw a digit.' : kind.kind === 'plane' ? 'Click a point.' : 'Enter a tensor and run.'}</p>}
          {prediction.status === 'running' && <Spinner label="Running" />}
          {prediction.status === 'error' && <Alert title="The model failed to run">{prediction.message}</Alert>}
          {prediction.status === 'done' && (
            <>
              <PredictionBars scores={prediction.scores} />
              <dl data-testid="infer-latency" className="grid grid-cols-3 gap-2 text-xs">
                <div>
                  <dt className="text-zinc-500">p50</dt>
                  <dd className="font-mono text-base tabular-nums">{prediction.latency.p50Ms.toFixed(2)} ms</dd>
                </div>
                <div>
                  <dt className="text-zinc-500">p95</dt>
                  <dd className="font-mono text-base tabular-nums">{prediction.latency.p95Ms.toFixed(2)} ms</dd>
                </div>
                <div>
                  <dt className="text-zinc-500">runs</dt>
                  <dd className="font-mono text-base tabular-nums">{prediction.latency.runs}</dd>
                </div>
              </dl>
              <p className="text-xs text-zinc-500">Output [{prediction.outputDims.join(', ')}], batch 1, after one warm-up run.</p>
            </>
          )}
        </Section>
      </Card>
    </div>
  );
}

/** The inference page: load an ONNX file (dropped in or a run's artifact) and try it. */
export function InferenceView({ artifactId }: { artifactId: string | null }) {
  const { state, open, openFile } = useOnnxModel(artifactId);
  const conn = connectionOf(useSyncSettings());
  const [registryError, setRegistryError] = useState<string | null>(null);
  // A registered version's file comes from the server; in 'server' mode the browser still reads its inputs from it.
  const openRegistry = async (c: RegistryChoice) => {
    setRegistryError(null);
    try {
      const headers: Record<string, string> = conn.token ? { authorization: `Bearer ${conn.token}` } : {};
      const res = await fetch(`${conn.baseUrl}/api/v1/runs/${encodeURIComponent(c.runId)}/artifacts/${encodeURIComponent(c.artifactId)}`, { headers });
      if (!res.ok) throw new Error(`HTTP ${res.status} reading the model file`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      await open(bytes, { kind: 'registry', name: `${c.name} v${c.version}`, model: c.name, version: c.version, target: c.target, sizeBytes: bytes.length });
    } catch (e) {
      setRegistryError(e instanceof Error ? e.message : String(e));
    }
  };
  const runner: Runner = state.status === 'ready' && state.source.kind === 'registry' && state.source.target === 'server' ? { kind: 'server', conn, name: state.source.model, version: state.source.version } : { kind: 'browser' };
  return (
    <div className="space-y-6">
      <PageHeader
        title="Inference"
        subtitle={state.status === 'ready' ? <SourceLine source={state.source} /> : 'Run an exported ONNX model in this browser with onnxruntime-web.'}
        actions={
          state.status === 'ready' && (
            <span data-testid="infer-provider" title={state.model.fallbackReason ?? undefined}>
              <Badge tone={state.model.provider === 'webgpu' ? 'green' : 'blue'} dot>
                {state.model.provider === 'webgpu' ? 'WebGPU' : 'wasm'}
              </Badge>
            </span>
          )
        }
      />
      {state.status === 'ready' && state.model.fallbackReason && <p className="text-xs text-zinc-500">Running on wasm: {state.model.fallbackReason}.</p>}
      <ModelDropZone compact={state.status === 'ready'} onFile={(f) => void openFile(f)} />
      <RegistryPicker conn={conn} onPick={(c) => void openRegistry(c)} />
      {registryError && <Alert title="Could not open the registered model">{registryError}</Alert>}
      {state.status === 'loading' && <Spinner label={`Loading ${state.label}`} />}
      {state.status === 'error' && <Alert title="Could not open the model">{state.message}</Alert>}
      {state.status === 'ready' && <ModelPanel key={state.model.session.inputNames.join() + state.source.name + runner.kind} model={state.model} runner={runner} />}
    </div>
  );
}
