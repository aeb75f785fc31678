/**
 * In-browser checks on a training run, fed once per step: a tensor leak (tf.memory().numTensors
 * grew at every step of a window), a non-finite loss, and divergence (loss above `factor` × the
 * lowest loss seen). Each finding is a metric point under warn/… (so it syncs with the run and
 * server-side alert rules can read it) plus a message for the notebook.
 */
export const WARNING_KEYS = {
  tensorLeak: 'warn/tensor_leak',
  nonFiniteLoss: 'warn/nan_loss',
  divergence: 'warn/divergence',
} as const;

export interface RunHealthOptions {
  /** Steps in a row numTensors must grow before it counts as a leak (default 20). */
  leakWindow?: number;
  /** Loss above this × its minimum is divergence (default 10). */
  divergenceFactor?: number;
  /** Steps before divergence is judged (the first losses are noisy; default 10). */
  divergenceAfter?: number;
}

export interface HealthWarning {
  key: (typeof WARNING_KEYS)[keyof typeof WARNING_KEYS];
  step: number;
  /** tensor_leak: tensors gained since the growth began; nan_loss: the loss; divergence: loss / min. */
  value: number;
  message: string;
}

export class RunHealth {
  private readonly leakWindow: number;
  private readonly factor: number;
  private readonly after: number;
  private lastTensors: number | null = null;
  private growingSteps = 0;
  private growthStart = 0;
  private minLoss = Infinity;
  private lossSteps = 0;
  private reportedNonFinite = false;
  private reportedDivergence = false;

  constructor(options: RunHealthOptions = {}) {
    this.leakWindow = options.leakWindow ?? 20;
    this.factor = options.divergenceFactor ?? 10;
    this.after = options.divergenceAfter ?? 10;
  }

  /** Feeds one step; returns what it newly found (each leak window is reported once it completes). */
  observe(step: number, { loss, numTensors }: { loss?: number; numTensors?: number }): HealthWarning[] {
    const found: HealthWarning[] = [];
    if (numTensors !== undefined) {
      const leak = this.observeTensors(step, numTensors);
      if (leak) found.push(leak);
    }
    if (loss !== undefined) {
      const bad = this.observeLoss(step, loss);
      if (bad) found.push(bad);
    }
    return found;
  }

  private observeTensors(step: number, numTensors: number): HealthWarning | null {
    const previous = this.lastTensors;
    this.lastTensors = numTensors;
    if (previous === null || numTensors <= previous) {
      this.growingSteps = 0;
      return null;
    }
    if (this.growingSteps === 0) this.growthStart = previous;
    this.growingSteps++;
    if (this.growingSteps % this.leakWindow !== 0) return null;
    const gained = numTensors - this.growthStart;
    return {
      key: WARNING_KEYS.tensorLeak, step, value: gained,
      message: `tensor leak: tf.memory().numTensors grew at each of the last ${this.growingSteps} steps (+${gained} tensors, ${numTensors} now). Wrap per-step work in tf.tidy() or dispose() what you create.`,
    };
  }

  private observeLoss(step: number, loss: number): HealthWarning | null {
    if (!Number.isFinite(loss)) {
      if (this.reportedNonFinite) return null;
      this.reportedNonFinite = true;
      return { key: WARNING_KEYS.nonFiniteLoss, step, value: loss, message: `loss is ${loss} at step ${step}: lower the learning rate, or check the inputs for NaN.` };
    }
    this.lossSteps++;
    this.minLoss = Math.min(this.minLoss, loss);
    if (this.reportedDivergence || this.lossSteps <= this.after || !(this.minLoss > 0) || loss <= this.factor * this.minLoss) return null;
    this.reportedDivergence = true;
    const ratio = loss / this.minLoss;
    return { key: WARNING_KEYS.divergence, step, value: ratio, message: `loss diverged: ${loss.toPrecision(4)} at step ${step} is ${ratio.toFixed(1)}× its minimum ${this.minLoss.toPrecision(4)}.` };
  }
}
