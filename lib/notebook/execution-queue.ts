import { isKernelErrorName, type CellError } from '../kernel/protocol';

export type ExecutionOutcome = { ok: true } | { ok: false; error: CellError };
export type FinishedStatus = 'done' | 'error' | 'stopped';

export interface ExecutionQueueEvents {
  started(cellId: string): void;
  finished(cellId: string, status: FinishedStatus): void;
  /** Cells dropped from the queue (Stop, or an earlier cell failed) before they started. */
  cancelled(cellIds: string[]): void;
}

/**
 * Runs cells one at a time, in order, as Jupyter does. The main thread holds the queue (instead
 * of sending every cell to the worker at once) so the UI knows which cell is running, each cell's
 * source is read when it starts (edits made while queued count), and a failing cell stops the
 * cells queued after it.
 */
export class ExecutionQueue {
  private pending: string[] = [];
  private current: string | null = null;

  constructor(
    private readonly execute: (cellId: string) => Promise<ExecutionOutcome>,
    private readonly events: ExecutionQueueEvents,
  ) {}

  get running(): string | null {
    return this.current;
  }

  get queued(): readonly string[] {
    return this.pending;
  }

  /** Adds cells to the end (a cell already waiting is not added twice). */
  enqueue(cellIds: string[]): void {
    for (const id of cellIds) if (!this.pending.includes(id)) this.pending.push(id);
    if (this.current === null) void this.drain();
  }

  /** Drops every waiting cell; the running one is left to the kernel's Stop. */
  cancelPending(): string[] {
    const dropped = this.pending;
    this.pending = [];
    if (dropped.length > 0) this.events.cancelled(dropped);
    return dropped;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const cellId = this.pending.shift()!;
      this.current = cellId;
      this.events.started(cellId);
      let outcome: ExecutionOutcome;
      try {
        outcome = await this.execute(cellId);
      } catch (e) {
        outcome = { ok: false, error: { name: 'KernelError', message: e instanceof Error ? e.message : String(e), line: null, column: null } };
      }
      const status: FinishedStatus = outcome.ok ? 'done' : isKernelErrorName(outcome.error.name) ? 'stopped' : 'error';
      this.current = null;
      this.events.finished(cellId, status);
      if (status !== 'done') this.cancelPending();
    }
  }
}
