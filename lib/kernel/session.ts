import type * as tfType from '@tensorflow/tfjs';
import type { CellError, KernelEvent, KernelInfo, NotebookContext } from '../kernel/protocol';
import type { RunStore } from '../track/run-store';

export type Tf = typeof tfType;

/** The cell being executed: runs started now belong to it and snapshot these cells. */
export interface CellContext {
  cellId: string;
  notebookCells: { cellId: string; source: string }[];
}

/**
 * What the `bench` API needs from the kernel that hosts it. The worker implements it; tests
 * implement it in Node with the cpu backend and fake-indexeddb.
 */
export interface BenchSession {
  readonly tf: Tf;
  readonly context: NotebookContext;
  kernelInfo(): KernelInfo;
  store(): Promise<RunStore>;
  emit(event: KernelEvent): void;
  currentCell(): CellContext;
  /** True once Stop was pressed during the current cell. */
  stopRequested(): boolean;
  /** Registers a run that is training now, so a Stop reply can name it; returns the unregister. */
  trackRun(runId: string): () => void;
  /**
   * Calls `hook` if the current cell ends with an error, and waits for it before the cell's reply
   * (so a run it ends is stored when the cell's error shows). Hooks are dropped when the cell ends.
   */
  onCellError(hook: (error: CellError) => Promise<void> | void): void;
  /** navigator.userAgent, or a description of the host outside browsers. */
  readonly browser: string;
}

/** Thrown into cell code after Stop ended its training (the run itself is saved as `stopped`). */
export class InterruptedError extends Error {
  constructor(message = 'Stopped by user') {
    super(message);
    this.name = 'Interrupted';
  }
}
