import { randomUUID } from 'node:crypto';
import { expectedInputText, type ExpectedInput, type OutputTensor, type PredictResponse } from '@/lib/serving/api';
import { HttpError } from '../http/errors';
import type { OutputTensorData } from './batcher';
import type { LoadedModel, SessionCache } from './session-cache';
import type { HostTensor } from './tensor-input';

/**
 * One prediction: the version a name + ref resolves to NOW (so moving an alias moves the next
 * request, while requests already running finish on the version they started on), its session
 * from the cache, the checked inputs through the batcher, and the answer.
 */

/** The registry's view of a version, as far as serving needs it (RegistryRepo.resolve). */
export interface ServedVersion {
  name: string;
  version: number;
  format: string;
  artifact: { runId: string; artifactId: string } | null;
}

export interface PredictOutcome {
  name: string;
  version: number;
  predictionId: string;
  latencyMs: number;
  ok: boolean;
  /** Per-row predicted class (arg-max), when the first output holds class scores. */
  classes: number[] | null;
  inputs: Record<string, HostTensor> | null;
}

export interface PredictDeps {
  resolve(name: string, ref: string): Promise<ServedVersion | undefined>;
  /** Whether a model of this name exists (for a 404 that says which part is unknown). */
  modelExists(name: string): Promise<boolean>;
  sessions: SessionCache;
  /** The key the session cache loads a version's file under. */
  fileKey(v: ServedVersion & { artifact: NonNullable<ServedVersion['artifact']> }): string;
  /** Awaited before a version's first prediction runs (monitoring loads its drift reference). */
  prepare?(name: string, version: number): Promise<unknown>;
  /** Told about every prediction that reached a model (monitoring). */
  observe?(outcome: PredictOutcome): void;
}

/** Resolves and holds the session; the caller releases it. 404 for an unknown model or ref. */
export async function servedModel(deps: PredictDeps, name: string, ref: string): Promise<{ version: ServedVersion; model: LoadedModel }> {
  const version = await deps.resolve(name, ref);
  if (!version) {
    if (!(await deps.modelExists(name))) throw new HttpError(404, 'not_found', `no registered model "${name}"`);
    throw new HttpError(404, 'not_found', `model "${name}" has no version or alias "${ref}"`);
  }
  if (version.format !== 'onnx' || !version.artifact) {
    throw new HttpError(400, 'bad_request', `model "${name}" version ${version.version} is a ${version.format} model: the server runs ONNX versions only (run it in the browser on /infer)`);
  }
  const [model] = await Promise.all([deps.sessions.acquire(deps.fileKey({ ...version, artifact: version.artifact })), deps.prepare?.(version.name, version.version)]);
  return { version, model };
}

/** Every model input named, no unknown ones. */
export function checkInputNames(names: string[], inputs: ExpectedInput[]): void {
  const expectedText = inputs.map(expectedInputText).join(', ');
  for (const name of names) {
    if (!inputs.some((i) => i.name === name)) throw new HttpError(400, 'bad_request', `unknown input "${name}"; the model's inputs are ${expectedText}`, `inputs.${name}`);
  }
  const missing = inputs.find((i) => !names.includes(i.name));
  if (missing) throw new HttpError(400, 'bad_request', `missing input ${expectedInputText(missing)}`, `inputs.${missing.name}`);
}

/** The same row count (axis 0) on every input. */
export function checkRows(feeds: Record<string, HostTensor>): void {
  const rows = new Set(Object.values(feeds).map((t) => t.dims[0]));
  if (rows.size > 1) throw new HttpError(400, 'bad_request', `inputs have different row counts (${[...rows].join(', ')}); axis 0 is the batch and must agree`, 'inputs');
}

function argmaxRows(t: OutputTensorData): number[] | null {
  if (t.dims.length !== 2 || t.dims[1] < 2 || typeof t.data[0] !== 'number') return null;
  const [rows, cols] = t.dims;
  const data = t.data as ArrayLike<number>;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[r * cols + c] > data[r * cols + best]) best = c;
    out.push(best);
  }
  return out;
}

function toWire(t: OutputTensorData): OutputTensor {
  const data = Array.from(t.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? Number(v) : v));
  return { dims: [...t.dims], dtype: t.dtype, data };
}

/** Runs checked feeds on a held model and answers; tells `observe` either way. */
export async function runPrediction(deps: PredictDeps, served: { version: ServedVersion; model: LoadedModel }, feeds: Record<string, HostTensor>, startedAt: number): Promise<PredictResponse> {
  const { version, model } = served;
  const predictionId = randomUUID();
  const base = { name: version.name, version: version.version, predictionId };
  try {
    const { outputs, batchRows } = await model.batcher.submit(feeds);
    const first = outputs[model.session.outputNames[0]];
    const classes = first ? argmaxRows(first) : null;
    const latencyMs = performance.now() - startedAt;
    deps.observe?.({ ...base, latencyMs, ok: true, classes, inputs: feeds });
    return { model: version.name, version: version.version, predictionId, outputs: Object.fromEntries(Object.entries(outputs).map(([k, t]) => [k, toWire(t)])), classes, batchRows, latencyMs };
  } catch (err) {
    deps.observe?.({ ...base, latencyMs: performance.now() - startedAt, ok: false, classes: null, inputs: null });
    // The server's own failure (a model worker that stopped): not the caller's input.
    if (err instanceof HttpError) throw err;
    // onnxruntime refuses what our checks let through (e.g. a value out of an embedding's range): the caller's input.
    throw new HttpError(400, 'bad_request', `the model could not run on these inputs: ${(err as Error).message.slice(0, 500)}`);
  }
}
