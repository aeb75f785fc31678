import type { KernelEvent } from '../kernel/protocol';

export interface SyncKickerOptions {
  /** Wakes the sync loop now (SyncController.kick). */
  kick: () => void;
  /** While a run logs, wake it at most this often (ms): points still travel in batches. */
  metricsGapMs?: number;
  now?: () => number;
}

/**
 * When to wake the sync loop instead of letting the outbox wait for its idle poll (2 s): at once
 * when a run starts or finishes (the server's runs list and the run's final status, summary and
 * checkpoint should not lag), and when new points were queued, at most once per metricsGapMs.
 */
export function createSyncKicker({ kick, metricsGapMs = 1000, now = Date.now }: SyncKickerOptions): (event: KernelEvent) => void {
  let lastMetricsKick = Number.NEGATIVE_INFINITY;
  return (event) => {
    switch (event.type) {
      case 'run-started':
      case 'run-finished':
        kick();
        return;
      case 'metrics':
        if (now() - lastMetricsKick < metricsGapMs) return;
        lastMetricsKick = now();
        kick();
        return;
      default:
        return;
    }
  };
}
