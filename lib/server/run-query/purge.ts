import type { Services } from '../services';
import { expiredRunIds } from './meta';

/** Runs purged per pass (a pass never holds a request long). */
const PURGE_BATCH = 100;
/** A process purges at most this often (on reads of the runs query; no timer to stop on close). */
export const PURGE_EVERY_MS = 10 * 60_000;

const lastPurge = new WeakMap<Services, number>();

/**
 * Removes for good the runs soft-deleted more than RUN_QUERY_LIMITS.purgeAfterDays ago: rows by
 * runsRepo.delete (points, series, params, tags, artifacts rows, shares), then the artifact files.
 * Returns the purged ids.
 */
export async function purgeExpiredRuns(services: Services, nowMs: number): Promise<string[]> {
  const purged: string[] = [];
  for (const id of await expiredRunIds(services.db.kysely, nowMs, PURGE_BATCH)) {
    const artifacts = await services.artifacts.listForRun(id);
    if (!(await services.runs.delete(id))) continue;
    await Promise.all(artifacts.map((a) => services.artifactStore.delete(a.storageKey)));
    purged.push(id);
  }
  return purged;
}

/**
 * Purges on read, at most every PURGE_EVERY_MS per process, without holding up the request; a
 * failure is logged and retried on a later read.
 */
export function purgeExpiredRunsSoon(services: Services, nowMs: number, log: (line: string) => void): void {
  if (nowMs - (lastPurge.get(services) ?? 0) < PURGE_EVERY_MS) return;
  lastPurge.set(services, nowMs);
  purgeExpiredRuns(services, nowMs).catch((err: unknown) => log(`[benchtop] purging soft-deleted runs failed: ${err instanceof Error ? err.message : String(err)}`));
}
