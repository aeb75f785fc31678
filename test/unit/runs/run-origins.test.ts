import { describe, expect, it } from 'vitest';
import { buildColumns, columnId, filterRuns, nextSort, sortRuns } from '@/lib/runs/run-table-model';
import { orderMetricKeys } from '@/components/run-detail/metric-order';
import { mergeRuns } from '@/lib/track/sync-merge';
import { toRunListItem } from '@/lib/track/run-list';
import { makeRun } from '../track/fixtures';

const T0 = 1_700_000_000_000;

describe('runs table: where a run lives', () => {
  const local = [makeRun({ id: 'a', name: 'alpha', createdAt: T0 + 3 }), makeRun({ id: 'b', name: 'beta', createdAt: T0 + 2 })];
  const server = [makeRun({ id: 'b', name: 'beta', createdAt: T0 + 2 }), makeRun({ id: 'm', name: 'mlflow-run', source: 'mlflow', createdAt: T0 + 1 })];
  const merged = mergeRuns(local.map(toRunListItem), server.map(toRunListItem));
  const runs = merged.map((m) => m.run);
  const origins = new Map(merged.map((m) => [m.run.id, m.origin]));

  it('has an Origin column only when asked (sync on and the server answered)', () => {
    expect(buildColumns(runs).map(columnId)).not.toContain('origin');
    expect(buildColumns(runs, { origin: true }).map(columnId).slice(0, 3)).toEqual(['name', 'status', 'origin']);
  });

  it('sorts by origin (local, both, server) and sorts text-like on the first click', () => {
    expect(nextSort({ columnId: 'started', direction: 'descending' }, 'origin')).toEqual({ columnId: 'origin', direction: 'ascending' });
    expect(sortRuns(runs, { columnId: 'origin', direction: 'ascending' }, T0, origins).map((r) => r.id)).toEqual(['a', 'b', 'm']);
    expect(sortRuns(runs, { columnId: 'origin', direction: 'descending' }, T0, origins).map((r) => r.id)).toEqual(['m', 'b', 'a']);
  });

  it('filters by origin=…, and without origins nothing matches an origin term', () => {
    expect(filterRuns(runs, 'origin=server', origins).map((r) => r.id)).toEqual(['m']);
    expect(filterRuns(runs, 'origin=both', origins).map((r) => r.id)).toEqual(['b']);
    expect(filterRuns(runs, 'origin=server')).toEqual([]);
  });
});

describe('metric chart order (local and server run pages)', () => {
  it('puts results first (loss before other metrics, train beside val), then per-batch keys, system keys apart', () => {
    const { results, system } = orderMetricKeys(['perf/step_ms', 'batch/loss', 'val/accuracy', 'lr', 'train/loss', 'val/loss', 'train/accuracy', 'memory/num_bytes']);
    expect(results).toEqual(['train/loss', 'val/loss', 'train/accuracy', 'val/accuracy', 'batch/loss']);
    expect(system).toEqual(['lr', 'memory/num_bytes', 'perf/step_ms']);
  });
});
