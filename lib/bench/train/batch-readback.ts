import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from '../../kernel/session';

/** One trained batch whose outputs (loss, then each metric) still sit on the device. */
export interface PendingBatch {
  outs: tfType.Tensor[];
  step: number;
  /** Index of the batch within its epoch. */
  batch: number;
  /** Samples in the batch. */
  size: number;
  /** performance.now() when its training step returned (on cpu and wasm: when it was computed). */
  dispatchedAt: number;
}

/** One batch's outputs once read back: loss first, then each metric in order. */
export interface SettledBatch extends Omit<PendingBatch, 'outs' | 'dispatchedAt'> {
  values: number[];
  /** Wall time per batch of the group it was read in, ms. */
  stepMs: number;
}

/**
 * How many batches' losses are read back together. Measured with `npm run bench:train`: on webgl
 * (SwiftShader) groups of 8 took the tracking overhead ratio from 0.85 to 0.97; on webgpu groups
 * of 8 measured 0.88 against 0.98 one batch at a time.
 */
export const readGroupFor = (backend: string) => (backend === 'webgl' ? 8 : 1);
/**
 * Backends whose kernels run on the calling thread: a batch is computed when its step returns.
 * Their batch ends at its dispatch; on GPU backends it is known to end only when read back.
 */
export const computesOnDispatch = (backend: string) => backend === 'cpu' || backend === 'wasm';
/** A group is also read once this old, so the live chart stays current. */
const READ_EVERY_MS = 250;

/**
 * Per-batch losses stay on the device and are read while the next batch is already queued
 * (reading each at once would stall GPU backends once per batch; model.fit does not read per
 * batch either). On webgl a readback costs a pipeline flush, so there they are read in groups.
 */
export class BatchReadback {
  private pending: PendingBatch[] = [];
  private groupStarted = performance.now();
  private lastSettled: number;

  constructor(
    private readonly tf: Tf,
    private readonly readGroup: number,
    private readonly onSettled: (group: SettledBatch[], now: number) => void,
    startedAt: number,
    private readonly syncBackend = false,
  ) {
    this.lastSettled = startedAt;
  }

  /** Queues a batch; reads the older ones when a group is full or old enough. */
  async push(batch: PendingBatch): Promise<void> {
    this.pending.push(batch);
    if (this.pending.length >= this.readGroup + 1 || performance.now() - this.groupStarted > READ_EVERY_MS) {
      await this.flush(1);
      this.groupStarted = performance.now();
    }
  }

  /** Reads every pending batch but the newest `keep` (those stay queued on the device). */
  async flush(keep = 0): Promise<void> {
    const { tf } = this;
    if (this.pending.length <= keep) return;
    const group = this.pending.slice(0, this.pending.length - keep);
    this.pending = this.pending.slice(this.pending.length - keep);
    const stacked = tf.tidy(() => tf.concat(group.flatMap((g) => g.outs.map((t) => t.reshape([1])))));
    let flat: Float32Array | Int32Array | Uint8Array;
    try {
      flat = await stacked.data();
    } finally {
      stacked.dispose();
      group.forEach((g) => tf.dispose(g.outs));
    }
    const now = performance.now();
    const width = flat.length / group.length;
    const stepMs = this.stepTimes(group, now);
    this.onSettled(
      group.map(({ step, batch, size }, gi) => ({ step, batch, size, stepMs: stepMs[gi], values: Array.from(flat.subarray(gi * width, (gi + 1) * width)) })),
      now,
    );
  }

  /**
   * Wall time of each step of a group: from the end of the previous batch to the end of this
   * one. On cpu and wasm a batch ends when its step returns. Timing reads there (as on GPUs) gave
   * batch k the time of k+1, since k is read after k+1 was computed, and the epoch's last batch
   * only the read: the CNN showed 5 ms/step for 3 s steps. GPU batches are known to end only when
   * their read resolves; a group read together shares its time.
   */
  private stepTimes(group: PendingBatch[], readAt: number): number[] {
    if (!this.syncBackend) {
      const each = (readAt - this.lastSettled) / group.length;
      this.lastSettled = readAt;
      return group.map(() => each);
    }
    return group.map(({ dispatchedAt }) => {
      const ms = dispatchedAt - this.lastSettled;
      this.lastSettled = dispatchedAt;
      return ms;
    });
  }

  /** Frees what is still queued (the epoch ended by an error or Stop). */
  dispose(): void {
    this.pending.forEach((g) => this.tf.dispose(g.outs));
    this.pending = [];
  }
}
