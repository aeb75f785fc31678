import type { EarlyStoppingOptions, EpochLogs } from './train-options';

/** Keras-style early stopping: stop after `patience` epochs without an improvement ≥ minDelta. */
export class EarlyStopper {
  private best: number;
  private bestEpoch = 0;
  private waited = 0;
  private epoch = 0;

  constructor(private readonly options: Required<EarlyStoppingOptions>) {
    this.best = options.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /** Returns true when training should stop after this epoch. */
  update(logs: EpochLogs): boolean {
    this.epoch++;
    const value = logs[this.options.monitor];
    if (value === undefined) {
      throw new Error(`earlyStopping.monitor "${this.options.monitor}" is not a logged metric (have: ${Object.keys(logs).join(', ')})`);
    }
    const improved = this.options.mode === 'min' ? value < this.best - this.options.minDelta : value > this.best + this.options.minDelta;
    if (improved) {
      this.best = value;
      this.bestEpoch = this.epoch;
      this.waited = 0;
      return false;
    }
    this.waited++;
    return this.waited >= this.options.patience;
  }

  reason(epoch: number): string {
    return `early stopping at epoch ${epoch}: ${this.options.monitor} did not improve for ${this.options.patience} epoch(s) (best ${this.best} at epoch ${this.bestEpoch})`;
  }
}
