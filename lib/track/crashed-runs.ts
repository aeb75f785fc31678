import type { RunStore } from './run-store';
import type { Run } from './schemas';
import { summarize } from './summary';

/**
 * Crash detection. A training kernel refreshes its run's `updatedAt` every HEARTBEAT_INTERVAL_MS
 * (see lib/bench/run-tracker.ts). When a tab dies the heartbeat stops; on the next app load the
 * UI calls `markCrashedRuns`, which turns every `running` run with a stale heartbeat, and not owned
 * by a kernel alive in this tab, into `crashed`, keeping everything it logged.
 *
 * The run record (with its summary) is written only with a heartbeat, points with every flush:
 * a dead tab's stored points can be ahead of its record, so the summary is rebuilt from them.
 */
export const HEARTBEAT_INTERVAL_MS = 3_000;
/** Several missed heartbeats: long enough that a busy worker (first WebGPU batch: 3–7 s) survives. */
export const CRASH_AFTER_MS = 30_000;

export interface MarkCrashedOptions {
  /** A run whose `updatedAt` is older than this many ms counts as dead (default CRASH_AFTER_MS). */
  staleAfterMs?: number;
  /** Runs owned by live kernels in this tab: never marked, whatever their heartbeat. */
  liveRunIds?: Iterable<string>;
  now?: number;
}

/** Returns the runs that were marked crashed. Their writes go through the outbox like any other. */
export async function markCrashedRuns(store: RunStore, options: MarkCrashedOptions = {}): Promise<Run[]> {
  const staleAfterMs = options.staleAfterMs ?? CRASH_AFTER_MS;
  const now = options.now ?? Date.now();
  const live = new Set(options.liveRunIds ?? []);
  const runs = await store.listRuns();
  const crashed: Run[] = [];
  for (const run of runs) {
    if (run.status !== 'running' || live.has(run.id) || run.source !== 'browser') continue;
    if (now - run.updatedAt < staleAfterMs) continue;
    const seconds = Math.round((now - run.updatedAt) / 1000);
    const stored = summarize({}, await store.getMetrics(run.id));
    const next: Run = {
      ...run,
      summary: { ...run.summary, ...stored },
      status: 'crashed',
      statusReason: `no heartbeat for ${seconds} s: the tab or kernel running it stopped`,
      // The last heartbeat is the best estimate of when it died.
      finishedAt: run.updatedAt,
      updatedAt: now,
    };
    await store.putRun(next);
    crashed.push(next);
  }
  return crashed;
}
