import type { KernelEvent, WorkerMessage } from './protocol';

/** At most one events message per interval: 50 ms keeps the UI at ≤ 20 messages per second. */
export const EVENT_FLUSH_INTERVAL_MS = 50;

/**
 * Collects worker events and posts them in batches, merging what a UI would only redraw anyway:
 * a newer progress for a cell replaces the older one, metric points of a run are concatenated and
 * consecutive text of the same cell and stream is joined. Order across kinds is preserved.
 */
export class EventBatcher {
  private queue: KernelEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly post: (message: WorkerMessage) => void,
    private readonly intervalMs = EVENT_FLUSH_INTERVAL_MS,
  ) {}

  emit(event: KernelEvent): void {
    // Copy metric points: later merges append to the queued array, never to the caller's.
    if (!this.merge(event)) this.queue.push(event.type === 'metrics' ? { ...event, points: [...event.points] } : event);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Posts everything pending now (before a reply, so a cell's outputs precede its result). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    const events = this.queue;
    this.queue = [];
    this.post({ kind: 'events', events });
  }

  private merge(event: KernelEvent): boolean {
    const last = this.queue[this.queue.length - 1];
    switch (event.type) {
      case 'progress': {
        const i = this.queue.findIndex((e) => e.type === 'progress' && e.cellId === event.cellId && e.progress.runId === event.progress.runId);
        if (i < 0) return false;
        this.queue[i] = event;
        return true;
      }
      case 'metrics': {
        const prior = this.queue.find((e) => e.type === 'metrics' && e.runId === event.runId);
        if (!prior || prior.type !== 'metrics') return false;
        prior.points.push(...event.points);
        return true;
      }
      case 'boundary': {
        const i = this.queue.findIndex((e) => e.type === 'boundary' && e.frame.runId === event.frame.runId);
        if (i < 0) return false;
        this.queue[i] = event;
        return true;
      }
      case 'output':
        if (
          event.output.type === 'text' && last?.type === 'output' && last.cellId === event.cellId &&
          last.output.type === 'text' && last.output.stream === event.output.stream
        ) {
          last.output = { ...last.output, text: last.output.text + event.output.text };
          return true;
        }
        return false;
      default:
        return false;
    }
  }
}
