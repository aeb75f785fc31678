import { bestTrial } from './analysis';
import type { SweepRecord, SweepSummary } from './api';
import type { SweepState } from './sweep-state';

/** One row of the sweeps list from a whole record (server or IndexedDB): counts, best metric. */
export function summarizeSweep(record: Omit<SweepRecord, 'state'>, state: SweepState): SweepSummary {
  const counts: Record<string, number> = {};
  for (const t of state.trials) counts[t.status] = (counts[t.status] ?? 0) + 1;
  const metric = state.spec.metric;
  return {
    id: record.id,
    projectId: record.projectId,
    name: record.name,
    origin: record.origin,
    status: state.status,
    reason: state.reason,
    method: state.spec.method,
    metric: metric ? { name: metric.name, goal: metric.goal } : null,
    trials: state.trials.length,
    counts,
    best: bestTrial(state)?.metric ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
