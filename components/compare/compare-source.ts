import { CompareRun, compareRunOf } from '@/lib/track/compare/compare-run';
import { createLimiter, mapLimit } from '@/lib/track/compare/map-limit';
import { COMPARE_MAX_RUNS, type RunSet } from '@/lib/track/compare/compare-url';
import { RunQueryResult, runQuerySearchParams } from '@/lib/track/run-query';
import { toWireNumber } from '@/lib/track/wire-number';
import { request, serverApi, type ServerConnection } from '@/lib/track/sync-api-client';
import type { RunHistory, RunSource } from '@/lib/track/run-source/run-source';
import { serverRunSource } from '@/lib/track/run-source/server-run-source';

export type History = RunHistory;

export interface LoadedRuns {
  runs: CompareRun[];
  /** Ids asked for that neither this browser nor the server has (deleted, or never synced). */
  missing: string[];
  /** Runs the filter matched, when more than COMPARE_MAX_RUNS (only the first ones are shown). */
  matched?: number;
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

/** The first COMPARE_MAX_RUNS runs a filter matches (the runs query API), as CompareRuns. */
async function runsOfFilter(conn: ServerConnection, filter: string): Promise<{ runs: CompareRun[]; matched: number }> {
  const q = runQuerySearchParams({ filter, limit: COMPARE_MAX_RUNS });
  const page = await request(conn, RunQueryResult, 'GET', `/api/v1/runs/query?${q}`);
  return { runs: page.rows.map((r) => ({ id: r.id, name: r.name || r.id, status: r.status, createdAt: r.createdAt, params: r.params, metrics: r.metrics })), matched: page.total };
}

/** The run behind an id, wherever it is (this browser, the server): see `firstRunSource`. */
export type RunSourceOf = (runId: string) => RunSource;

/**
 * Runs of the workspace: those a filter matches (newest first, from the server's runs query),
 * then the explicit ids not among them, each read through its RunSource (by default the server;
 * the compare view passes this browser first, so runs not synced yet compare too), a few at a time.
 */
export function workspaceCompareSource(conn: ServerConnection, runSet: RunSet, runSourceOf: RunSourceOf = (id) => serverRunSource(id, conn)): CompareSource {
  /** The source that answered for each id read by id: its histories come from there too. */
  const sources = new Map<string, RunSource>();
  return {
    id: `workspace:${conn.baseUrl}:${runSet.ids.join(',')}:${runSet.filter ?? ''}`,
    async loadRuns() {
      const filtered = runSet.filter ? await runsOfFilter(conn, runSet.filter) : { runs: [], matched: 0 };
      const have = new Set(filtered.runs.map((r) => r.id));
      const loaded = await mapLimit(runSet.ids.filter((id) => !have.has(id)), CONCURRENCY, async (id) => {
        const source = runSourceOf(id);
        const snapshot = await source.load();
        if (!snapshot) return id;
        sources.set(id, source);
        return CompareRun.parse(compareRunOf(snapshot.run, snapshot.metricKeys.map((k) => ({ ...k, last: toWireNumber(k.last), min: toWireNumber(k.min), max: toWireNumber(k.max) }))));
      });
      const byId = loaded.filter((r): r is CompareRun => typeof r !== 'string');
      return {
        runs: [...filtered.runs, ...byId],
        missing: loaded.filter((r): r is string => typeof r === 'string'),
        matched: filtered.matched > filtered.runs.length ? filtered.matched : undefined,
      };
    },
    history: cachedHistory((runId, key, maxPoints) => sources.get(runId)?.history(key, maxPoints) ?? serverApi.history(conn, runId, key, maxPoints)),
  };
}
