import { HEARTBEAT_INTERVAL_MS } from '../track/crashed-runs';
import { newRunId } from '../track/ids';
import type { RunStore } from '../track/run-store';
import { DEFAULT_PROJECT_ID, type Artifact, type ArtifactKind, type MetricPoint, type Run, type RunStatus } from '../track/schemas';
import type { StepAxes } from '../track/step-axis';
import { summarize } from '../track/summary';
import { sha256Hex } from '../data/sha256';
import { codeSnapshot } from './code-snapshot';
import type { BenchSession } from '../kernel/session';

/** Metric points are buffered and written at most this often: training never waits on IndexedDB. */
export const METRICS_FLUSH_INTERVAL_MS = 500;

export interface StartRunOptions {
  name: string;
  config: Record<string, unknown>;
  seed: number | null;
  datasetFingerprint: string | null;
  /** The backend this run really trains on, when it differs from the kernel's. */
  backend?: string;
  /** What the steps of its metrics count (bench.train: batches and epochs). */
  stepAxes?: StepAxes;
  tags?: Record<string, string>;
  sweepId?: string | null;
  trialId?: string | null;
}

export interface MetricValue {
  key: string;
  step: number;
  value: number;
}

/**
 * One run's bookkeeping: the Run record, its summary, buffered metric points and a heartbeat.
 * `log` is synchronous and cheap; a timer writes buffered points (one IndexedDB transaction per
 * flush) and refreshes `updatedAt` so a dead tab's run is later marked crashed.
 */
export class RunTracker {
  readonly id: string;
  readonly cellId: string;
  private run: Run;
  private buffer: MetricPoint[] = [];
  private timer: ReturnType<typeof setInterval>;
  private writing: Promise<void> = Promise.resolve();
  private lastRunWriteMs = 0;
  private finished: Promise<Run> | null = null;
  private readonly untrack: () => void;

  private constructor(
    private readonly session: BenchSession,
    private readonly store: RunStore,
    run: Run,
  ) {
    this.id = run.id;
    this.run = run;
    this.cellId = session.currentCell().cellId;
    this.untrack = session.trackRun(run.id);
    this.timer = setInterval(() => void this.flush(), METRICS_FLUSH_INTERVAL_MS);
  }

  static async start(session: BenchSession, options: StartRunOptions): Promise<RunTracker> {
    const store = await session.store();
    const info = session.kernelInfo();
    const now = Date.now();
    const context = session.context;
    const run: Run = {
      id: newRunId(now),
      projectId: context.projectId || DEFAULT_PROJECT_ID,
      notebookId: context.notebookId || null,
      name: options.name,
      status: 'running',
      statusReason: null,
      config: options.config,
      env: {
        backend: options.backend ?? info.backend,
        adapter: info.adapter,
        browser: session.browser,
        tfjsVersion: info.tfjsVersion,
        seed: options.seed,
        ...(options.stepAxes ? { stepAxes: options.stepAxes } : {}),
      },
      code: await codeSnapshot(session.currentCell()),
      datasetFingerprint: options.datasetFingerprint,
      sweepId: options.sweepId ?? null,
      trialId: options.trialId ?? null,
      owner: context.owner,
      tags: options.tags ?? {},
      source: 'browser',
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      summary: {},
    };
    await store.putRun(run);
    const tracker = new RunTracker(session, store, run);
    tracker.lastRunWriteMs = now;
    session.emit({ type: 'run-started', cellId: tracker.cellId, run });
    session.emit({ type: 'output', cellId: tracker.cellId, output: { type: 'run', runId: run.id, name: run.name } });
    return tracker;
  }

  get summary(): Run['summary'] {
    return this.run.summary;
  }

  get record(): Run {
    return this.run;
  }

  /** Records points now (summary, live event); they reach IndexedDB with the next flush. */
  log(values: MetricValue[]): void {
    if (values.length === 0) return;
    if (this.finished) throw new Error(`run ${this.id} is finished; start a new run to log more`);
    const timeMs = Date.now();
    for (const v of values) this.buffer.push({ runId: this.id, key: v.key, step: v.step, value: v.value, timeMs });
    this.run = { ...this.run, summary: summarize(this.run.summary, values) };
    this.session.emit({ type: 'metrics', runId: this.id, points: values.map(({ key, step, value }) => ({ key, step, value })) });
  }

  /** Writes buffered points, and the run record when a heartbeat is due. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write()).catch((error) => {
      this.session.emit({ type: 'log', level: 'error', message: `run ${this.id}: saving to IndexedDB failed: ${String(error)}` });
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    const points = this.buffer;
    this.buffer = [];
    if (points.length > 0) await this.store.appendMetrics(points);
    const now = Date.now();
    // The run record (summary + heartbeat) goes out every few seconds, not with every flush.
    if (now - this.lastRunWriteMs >= HEARTBEAT_INTERVAL_MS) {
      this.lastRunWriteMs = now;
      this.run = { ...this.run, updatedAt: now };
      await this.store.putRun(this.run);
    }
  }

  async saveArtifact(options: { name: string; kind: ArtifactKind; bytes: Uint8Array; meta?: Record<string, unknown> }): Promise<Artifact> {
    const now = Date.now();
    const artifact: Artifact = {
      id: `${this.id}.${options.kind}.${now.toString(36)}`,
      runId: this.id,
      name: options.name,
      kind: options.kind,
      sizeBytes: options.bytes.byteLength,
      sha256: await sha256Hex(options.bytes),
      createdAt: now,
      meta: options.meta,
    };
    await this.store.putArtifact(artifact, options.bytes);
    return artifact;
  }

  /** Flushes everything and ends the run; calling it again returns the same final record. */
  finish(status: Exclude<RunStatus, 'running'>, reason: string | null = null, extra: Partial<Pick<Run, 'env'>> = {}): Promise<Run> {
    this.finished ??= (async () => {
      clearInterval(this.timer);
      await this.flush();
      const now = Date.now();
      this.run = { ...this.run, ...extra, status, statusReason: reason, finishedAt: now, updatedAt: now };
      await this.store.putRun(this.run);
      this.untrack();
      this.session.emit({ type: 'run-finished', cellId: this.cellId, runId: this.id, status, reason });
      return this.run;
    })();
    return this.finished;
  }
}
