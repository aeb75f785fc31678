import type { BoundaryFrame, KernelEvent, TrainingProgress } from '../kernel/protocol';
import type { RunStatus } from '../track/schemas';
import type { StepAxes } from '../track/step-axis';

/** Everything a live training view draws for one run; mutated in place, read on redraw. */
export interface LiveRun {
  runId: string;
  cellId: string;
  name: string;
  status: RunStatus;
  reason: string | null;
  progress: TrainingProgress | null;
  /** Metric key → points in arrival order (steps ascend per key). */
  series: Map<string, { steps: number[]; values: number[] }>;
  boundary: BoundaryFrame | null;
  /** What the steps of its metrics count, as the run recorded it (env.stepAxes). */
  stepAxes?: StepAxes;
  startedAt: number;
  /** Bumped on every change, so views can skip redraws when nothing happened. */
  version: number;
}

type Listener = () => void;

/** A file a cell downloads (a dataset), as its progress bar shows it. */
export interface LiveDownload {
  receivedBytes: number;
  totalBytes: number;
}

/**
 * Training telemetry kept outside React state: events arrive up to ~20 times a second with many
 * points each, and only the views that show a run re-render, on their own throttled schedule.
 */
export class LiveRunStore {
  private runs = new Map<string, LiveRun>();
  private downloads = new Map<string, LiveDownload>();
  private listeners = new Map<string, Set<Listener>>();

  get(runId: string): LiveRun | undefined {
    return this.runs.get(runId);
  }

  download(downloadId: string): LiveDownload | undefined {
    return this.downloads.get(downloadId);
  }

  /** Listens to one run (by run id) or one download (by download id). */
  subscribe(runId: string, listener: Listener): () => void {
    if (!this.listeners.has(runId)) this.listeners.set(runId, new Set());
    this.listeners.get(runId)!.add(listener);
    return () => this.listeners.get(runId)?.delete(listener);
  }

  /** Applies a kernel event; returns true when it concerned a run. */
  apply(event: KernelEvent, now = Date.now()): boolean {
    switch (event.type) {
      case 'run-started': {
        const run = event.run;
        this.runs.set(run.id, { runId: run.id, cellId: event.cellId, name: run.name, status: run.status, reason: null, progress: null, series: new Map(), boundary: null, stepAxes: run.env.stepAxes, startedAt: now, version: 0 });
        return this.touch(run.id);
      }
      case 'run-finished': {
        const run = this.runs.get(event.runId);
        if (run) Object.assign(run, { status: event.status, reason: event.reason });
        return this.touch(event.runId);
      }
      case 'progress': {
        const run = this.ensure(event.progress.runId, event.cellId, now);
        run.progress = event.progress;
        return this.touch(run.runId);
      }
      case 'metrics': {
        const run = this.runs.get(event.runId);
        if (!run) return false;
        for (const p of event.points) {
          let s = run.series.get(p.key);
          if (!s) run.series.set(p.key, (s = { steps: [], values: [] }));
          s.steps.push(p.step);
          s.values.push(p.value);
        }
        return this.touch(event.runId);
      }
      case 'download-progress': {
        this.downloads.set(event.downloadId, { receivedBytes: event.receivedBytes, totalBytes: event.totalBytes });
        this.listeners.get(event.downloadId)?.forEach((l) => l());
        return true;
      }
      case 'boundary': {
        const run = this.ensure(event.frame.runId, event.cellId, now);
        run.boundary = event.frame;
        return this.touch(run.runId);
      }
      default:
        return false;
    }
  }

  /** A run seen first through progress (its run-started was missed): track it anyway. */
  private ensure(runId: string, cellId: string, now: number): LiveRun {
    let run = this.runs.get(runId);
    if (!run) {
      run = { runId, cellId, name: runId, status: 'running', reason: null, progress: null, series: new Map(), boundary: null, startedAt: now, version: 0 };
      this.runs.set(runId, run);
    }
    return run;
  }

  private touch(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run) return false;
    run.version++;
    this.listeners.get(runId)?.forEach((l) => l());
    return true;
  }
}
