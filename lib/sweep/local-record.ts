import type { SweepRecordJson, TrialRunLink } from './api';
import { sweepStateToJSON } from './state-json';
import type { SweepState } from './sweep-state';
import { stopSweep } from './trial-events';

/**
 * The record a local sweep (one kernel runs every trial) keeps in IndexedDB, in the same shape
 * as a server sweep so one page shows both. Saves are throttled: every structural change (a
 * trial starts or ends) is written at once, epochs at most every `minIntervalMs`, and a
 * heartbeat keeps `updatedAt` fresh so the page can tell a sweep whose tab was closed.
 */

export interface LocalSweepSink {
  putSweep(record: SweepRecordJson): Promise<void>;
}

/** A local sweep whose record was not written for this long lost its kernel (tab closed, crash). */
export const LOCAL_SWEEP_HEARTBEAT_MS = 5_000;
export const LOCAL_SWEEP_STALE_MS = 30_000;

export interface LocalSweepMeta {
  id: string;
  projectId: string;
  notebookId: string | null;
  name: string | null;
  specSource: string;
  functionName: string | null;
}

export class LocalSweepRecorder {
  private state: SweepState;
  private readonly runs: TrialRunLink[] = [];
  private readonly createdAt = Date.now();
  private lastSaveMs = 0;
  private pending: Promise<void> = Promise.resolve();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  /** The last save error, so the cell can say why the page does not update. */
  lastError: string | null = null;

  constructor(
    private readonly meta: LocalSweepMeta,
    initial: SweepState,
    private readonly sink: LocalSweepSink,
    private readonly minIntervalMs = 1_000,
  ) {
    this.state = initial;
    this.heartbeat = setInterval(() => void this.save(), LOCAL_SWEEP_HEARTBEAT_MS);
  }

  record(): SweepRecordJson {
    return {
      ...this.meta,
      origin: 'local',
      status: this.state.status,
      reason: this.state.reason,
      state: sweepStateToJSON(this.state),
      code: null,
      leaseMs: 0,
      runs: [...this.runs],
      createdAt: this.createdAt,
      updatedAt: Date.now(),
    };
  }

  /** New state; written now when `urgent`, else at most every minIntervalMs. */
  update(state: SweepState, urgent: boolean): Promise<void> {
    this.state = state;
    if (urgent || Date.now() - this.lastSaveMs >= this.minIntervalMs) return this.save();
    return Promise.resolve();
  }

  linkRun(link: Omit<TrialRunLink, 'createdAt'>): Promise<void> {
    if (this.runs.some((r) => r.trialId === link.trialId && r.runId === link.runId)) return Promise.resolve();
    this.runs.push({ ...link, createdAt: Date.now() });
    return this.save();
  }

  /** Saves are chained so an older record never lands after a newer one. */
  save(): Promise<void> {
    this.lastSaveMs = Date.now();
    const record = this.record();
    this.pending = this.pending.then(
      () => this.sink.putSweep(record).then(() => void (this.lastError = null)),
    ).catch((error: unknown) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    });
    return this.pending;
  }

  /** The sweep itself failed (not a trial): ends it as stopped with the reason, saved, heartbeat off. */
  fail(message: string): Promise<void> {
    return this.close(stopSweep(this.state, `the sweep failed: ${message}`));
  }

  /** Final save; stops the heartbeat. */
  async close(state: SweepState): Promise<void> {
    clearInterval(this.heartbeat);
    this.state = state;
    await this.save();
  }
}
