import type { BackendName, Run, RunStatus } from '../track/schemas';

/**
 * Messages between the main thread and the kernel worker (one worker per notebook).
 * Requests carry an `id` and get exactly one reply matched by that id; events are one-way and
 * batched by the worker so the UI sees at most ~20 messages per second.
 */

export type BackendChoice = BackendName | 'auto';

export interface KernelInfo {
  /** The backend that passed its self-test and is in use. */
  backend: BackendName;
  /** What the notebook asked for; differs from `backend` after a fallback. */
  requested: BackendChoice;
  /** GPU adapter description (vendor/architecture/description), when there is one. */
  adapter: string | null;
  tfjsVersion: string;
  /** Backends tried before this one and why each was passed over. */
  skipped: SkippedBackend[];
}

export interface SkippedBackend {
  backend: BackendName;
  reason: string;
  /**
   * True when the backend does not exist here (no WebGPU adapter, not registered): expected in
   * `auto` mode. False when it existed and failed (init threw or hung, self-test failed, worker died).
   */
  unavailable: boolean;
}

export interface NotebookContext {
  notebookId: string;
  projectId: string;
  /** Display name recorded as the run's owner. */
  owner: string | null;
  /**
   * Notebook-level overrides read by `bench.param(name, default)` in cells (e.g. from the URL:
   * `?param.epochs=1&param.trainSize=512`). Lets tests run a template briefly without editing it.
   */
  params?: Record<string, number | string>;
}

export type KernelRequest =
  | {
      id: number;
      type: 'init';
      backend: BackendChoice;
      context: NotebookContext;
      /** How long one backend may take to start before the next is tried (ms). */
      backendTimeoutMs?: number;
      /**
       * Runs a previous worker of this notebook left `running` when it was terminated (Stop that
       * timed out, Restart): the new worker marks them `stopped` in IndexedDB before anything else.
       */
      orphanRunIds?: string[];
    }
  | {
      id: number;
      type: 'execute';
      cellId: string;
      /** The cell's source as typed (TypeScript or JavaScript). */
      source: string;
      language: 'typescript' | 'javascript';
      /** Every code cell of the notebook in order, for the run's code snapshot. */
      notebookCells: { cellId: string; source: string }[];
    }
  /** Cooperative stop: running training loops end their runs as `stopped` at the next batch. */
  | { id: number; type: 'stop' };

/** `result` of a successful `execute` reply. */
export interface ExecuteResult {
  /** Display text of the cell's last expression statement (as Jupyter shows it), or null. */
  value: string | null;
  durationMs: number;
}

/** `result` of a `stop` reply: what was running when the stop arrived. */
export interface StopResult {
  /** Runs of `bench.train`/`bench.run` that are now ending as `stopped`. */
  stoppingRunIds: string[];
  /** Queued cells that were cancelled before they started. */
  cancelledCellIds: string[];
}

/**
 * Names of CellError for failures that are not the cell's own exception, so the UI can style them.
 * `Interrupted`: Stop ended the cell. `Cancelled`: the cell was queued behind a stopped one.
 * `KernelRestarted`: the worker was terminated; all kernel state is gone.
 */
export const KERNEL_ERROR_NAMES = ['Interrupted', 'Cancelled', 'KernelRestarted'] as const;

/** True for a failure the user caused by stopping (styled as a notice, status `stopped`), not a bug in the cell. */
export function isKernelErrorName(name: string): boolean {
  return (KERNEL_ERROR_NAMES as readonly string[]).includes(name);
}

/** Everything the worker posts: a reply, or a batch of events (one message per flush, ≤ ~20/s). */
export type WorkerMessage =
  | { kind: 'reply'; reply: KernelReply }
  | { kind: 'events'; events: KernelEvent[] };

export type KernelReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: CellError };

/** A cell failure, positioned in the cell's own lines (1-based), not the worker's. */
export interface CellError {
  name: string;
  message: string;
  line: number | null;
  column: number | null;
  stack?: string;
}

/** What a cell shows under itself. */
export type CellOutput =
  | { type: 'text'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'value'; text: string }
  | { type: 'table'; columns: string[]; rows: (string | number | null)[][] }
  | { type: 'error'; error: CellError }
  /** A live training view (progress bar + charts) for a run, fed by progress/metrics events. */
  | { type: 'run'; runId: string; name: string }
  | { type: 'html-safe-markdown'; markdown: string }
  /** A file the cell is downloading (a dataset): a progress bar fed by download-progress events. */
  | { type: 'download'; downloadId: string; label: string; totalBytes: number }
  /** A matrix drawn as colored cells (bench.heatmap): values row-major, rows × columns. */
  | { type: 'heatmap'; title: string; rows: string[]; columns: string[]; values: number[] };

export interface TrainingProgress {
  runId: string;
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  /** Estimated time left, ms. */
  etaMs: number | null;
  samplesPerSec: number | null;
}

/** A decision-boundary image for 2-D models: class probabilities on a size×size grid. */
export interface BoundaryFrame {
  runId: string;
  size: number;
  /** [xMin, xMax, yMin, yMax] of the grid. */
  extent: [number, number, number, number];
  /** size*size values, row-major from yMax down to yMin, probability of class 1 (or argmax/(k-1)). */
  grid: Float32Array;
  /** Up to a few hundred data points to draw over it: x, y, label. */
  points: { x: number; y: number; label: number }[];
}

export type KernelEvent =
  | { type: 'ready'; info: KernelInfo }
  /** The worker is about to initialise this backend (so a worker that dies is known to have died on it). */
  | { type: 'backend-trying'; backend: BackendName }
  | { type: 'output'; cellId: string; output: CellOutput }
  | { type: 'progress'; cellId: string; progress: TrainingProgress }
  /** New metric points of a run since the last event (already stored in IndexedDB). */
  | { type: 'metrics'; runId: string; points: { key: string; step: number; value: number }[] }
  | { type: 'boundary'; cellId: string; frame: BoundaryFrame }
  /** Bytes of a `download` output received so far (decoded size). */
  | { type: 'download-progress'; downloadId: string; receivedBytes: number; totalBytes: number }
  | { type: 'run-started'; cellId: string; run: Run }
  | { type: 'run-finished'; cellId: string; runId: string; status: RunStatus; reason: string | null }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'error'; error: CellError }
  /**
   * Emitted by the client (not the worker) after it terminated an unresponsive worker and started
   * a fresh one: every variable, model and tensor of the old kernel is gone.
   */
  | { type: 'restarted'; reason: string };
