import type { z } from 'zod';
import { compareRunOf, type CompareRun } from '@/lib/track/compare/compare-run';
import type { RunSet } from '@/lib/track/compare/compare-url';
import type { Services } from '../services';
import { keyInfo } from '../http/routes/common';

/**
 * The runs a report's saved query names, as a share link shows them: for each id that is still
 * on the server, its name, params and metric summaries (no code, no env). Ids of deleted runs
 * are left out, so a report outlives a run it once showed.
 */
export async function reportRuns(services: Services, runSet: RunSet): Promise<z.input<typeof CompareRun>[]> {
  const found = await Promise.all(
    runSet.ids.map(async (id) => {
      const run = await services.runs.get(id);
      if (!run) return undefined;
      return compareRunOf(run, (await services.metrics.keys(id)).map(keyInfo));
    }),
  );
  return found.filter((r) => r !== undefined);
}

/** Whether a report's share link may read this run's metrics: only runs of the report. */
export async function reportShowsRun(services: Services, runSet: RunSet, runId: string): Promise<boolean> {
  return runSet.ids.includes(runId) && (await services.runs.exists(runId));
}
