import type { RunListItem } from './run-list';

/** Where a run in a merged list lives. */
export type RunOrigin = 'local' | 'server' | 'both';

export interface MergedRun {
  run: RunListItem;
  origin: RunOrigin;
}

/**
 * Local runs (IndexedDB) and server runs (other machines, MLflow clients) as one list, each run
 * once, newest first. When both sides have a run, the version with the greater `updatedAt` is
 * shown (ties: the local one, which may hold points not yet synced).
 */
export function mergeRuns(local: RunListItem[], server: RunListItem[]): MergedRun[] {
  const byId = new Map<string, MergedRun>();
  for (const run of server) byId.set(run.id, { run, origin: 'server' });
  for (const run of local) {
    const remote = byId.get(run.id);
    byId.set(run.id, { run: remote && remote.run.updatedAt > run.updatedAt ? remote.run : run, origin: remote ? 'both' : 'local' });
  }
  return [...byId.values()].sort((a, b) => b.run.createdAt - a.run.createdAt || (a.run.id < b.run.id ? 1 : -1));
}
