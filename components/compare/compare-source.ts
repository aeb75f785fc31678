import type { z } from 'zod';
import type { HistoryResponse } from '@/lib/track/api';
import { CompareRun, compareRunOf } from '@/lib/track/compare/compare-run';
import { createLimiter, mapLimit } from '@/lib/track/compare/map-limit';
import type { RunSet } from '@/lib/track/compare/compare-url';
import { toWireNumber } from '@/lib/track/wire-number';
import { ApiError, serverApi, type ServerConnection } from '@/lib/track/sync-api-client';

export type History = z.output<typeof HistoryResponse>;

export interface LoadedRuns {
  runs: CompareRun[];
  /** Ids asked for that the server does not have (deleted, or never synced). */
  missing: string[];
}

/**
 * Where a comparison reads from: the workspace API (the compare view, a report's page) or a
 * report's share link. Histories are cached per (run, key, points), so changing the smoothing,
 * the x axis or log y redraws without refetching; all reads pass one concurrency gate.
 */
export interface CompareSource {
  /** Stable id for React effects. */
  id: string;
  loadRuns(): Promise<LoadedRuns>;
  history(runId: string, key: string, maxPoints: number): Promise<History>;
}

/** Requests in flight at once per view: enough to fill the pipe, few enough not to queue. */
const CONCURRENCY = 6;

/** Wraps a history reader with the cache and the gate. */
export function cachedHistory(read: (runId: string, key: string, maxPoints: number) => Promise<History>): CompareSource['history'] {
  const gate = createLimiter(CONCURRENCY);
  const cache = new Map<string, Promise<History>>();
  return (runId, key, maxPoints) => {
    const id = `${runId}\n${key}\n${maxPoints}`;
    let hit = cache.get(id);
    if (!hit) {
      hit = gate(() => read(runId, key, maxPoints));
      hit.catch(() => cache.delete(id)); // a failed read is tried again next time
      cache.set(id, hit);
    }
    return hit;
  };
}

/** Runs of the workspace by id (the run, then its metric keys), a few at a time. */
export function workspaceCompareSource(conn: ServerConnection, runSet: RunSet): CompareSource {
  return {
    id: `workspace:${conn.baseUrl}:${runSet.ids.join(',')}:${runSet.filter ?? ''}`,
    async loadRuns() {
      const loaded = await mapLimit(runSet.ids, CONCURRENCY, async (id) => {
        try {
          const [run, keys] = await Promise.all([serverApi.getRun(conn, id), serverApi.metricKeys(conn, id)]);
          return CompareRun.parse(compareRunOf(run, keys.map((k) => ({ ...k, last: toWireNumber(k.last), min: toWireNumber(k.min), max: toWireNumber(k.max) }))));
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) return id;
          throw e;
        }
      });
      return { runs: loaded.filter((r): r is CompareRun => typeof r !== 'string'), missing: loaded.filter((r): r is string => typeof r === 'string') };
    },
    history: cachedHistory((runId, key, maxPoints) => serverApi.history(conn, runId, key, maxPoints)),
  };
}
