/**
 * Progress of an export: which step runs, how far the whole export is (by estimated work, not by
 * step count: the reference pass of a big model dwarfs the conversion), and an estimate of the
 * time left. The CLI draws it as a bar on stderr; the browser's export worker posts it to the page.
 */

export type ExportPhase = 'convert' | 'time' | 'calibrate' | 'reference' | 'verify' | 'latency';

export interface ExportProgress {
  phase: ExportPhase;
  /** What runs now, for people: "onnxruntime int8 on 48 samples". */
  label: string;
  /** 0..1 of the estimated work of the whole export. */
  fraction: number;
  /** Seconds left, from the work done so far; null until there is something to extrapolate from. */
  etaSeconds: number | null;
}

export type ProgressListener = (progress: ExportProgress) => void;

/**
 * Counts estimated milliseconds of work done against the planned total. The estimate comes from
 * timing one sample, so the time left is scaled by how the real time compares with it so far.
 */
export class ProgressTracker {
  private done = 0;
  private total = 0;
  private started = 0;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Sets the planned work (estimated ms) once it is known; the clock for the estimate starts here. */
  plan(totalMs: number): void {
    this.total = Math.max(totalMs, 1e-9);
    this.done = 0;
    this.started = this.now();
  }

  /** Announces a step without work counted yet. */
  step(phase: ExportPhase, label: string): void {
    this.emit(phase, label);
  }

  /** Records `ms` of estimated work finished within `phase`. */
  advance(phase: ExportPhase, label: string, ms: number): void {
    this.done = Math.min(this.total, this.done + ms);
    this.emit(phase, label);
  }

  /** The export is done: the fraction becomes 1 whatever the estimate said. */
  finish(label: string): void {
    this.done = this.total;
    this.emit('latency', label);
  }

  private emit(phase: ExportPhase, label: string): void {
    if (!this.listener) return;
    const fraction = this.total > 0 ? this.done / this.total : 0;
    const elapsed = this.now() - this.started;
    const etaSeconds = this.total > 0 && this.done > 0 ? (elapsed * (this.total - this.done)) / this.done / 1000 : null;
    this.listener({ phase, label, fraction, etaSeconds });
  }
}
