import { describe, expect, it } from 'vitest';
import type { Run } from '@/lib/track/schemas';
import { toRunListItem, type RunListItem } from '@/lib/track/run-list';
import { buildColumns, columnId, filterRuns, nextSort, pickConfigKeys, pickMetricKeys, runDurationMs, sortRuns } from '@/lib/runs/run-table-model';

const T0 = 1_700_000_000_000;
function run(id: string, over: Partial<Run> = {}): RunListItem {
  return toRunListItem({
    id, projectId: 'default', notebookId: null, name: id, status: 'finished', statusReason: null,
    config: {}, env: { backend: 'cpu', adapter: null, browser: 'x', tfjsVersion: '4.22.0', seed: 1 },
    code: null, datasetFingerprint: null, sweepId: null, trialId: null, owner: null, tags: {}, source: 'browser',
    createdAt: T0, updatedAt: T0, finishedAt: T0 + 1000, summary: {}, ...over,
  });
}
const summary = (last: number) => ({ last, min: last, max: last, step: 1, count: 1 });

describe('runs table model', () => {
  const runs = [
    run('alpha', { config: { lr: 0.1, epochs: 5, optimizer: 'adam', layers: [64, 32] }, summary: { 'train/loss': summary(0.5), 'val/accuracy': summary(0.9), 'batch/loss': summary(0.4), lr: summary(0.1), 'perf/step_ms': summary(3) }, createdAt: T0 + 2 }),
    run('beta', { config: { lr: 0.01, epochs: 5, optimizer: 'adam' }, summary: { 'train/loss': summary(0.3), 'val/accuracy': summary(0.95), 'val/loss': summary(0.35) }, env: { backend: 'webgpu', adapter: 'swiftshader', browser: 'x', tfjsVersion: '4.22.0', seed: 2 }, createdAt: T0 + 1 }),
    run('gamma', { status: 'crashed', config: { lr: 0.001, epochs: 5 }, summary: { 'train/loss': summary(Number.NaN) }, createdAt: T0 + 3 }),
  ];

  it('shows config keys that differ (missing counts as different), skipping non-scalars', () => {
    expect(pickConfigKeys(runs)).toEqual(['lr', 'optimizer']);
    expect(pickConfigKeys([runs[0]])).toEqual(['lr', 'optimizer']);
  });

  it('puts validation metrics first, accuracy before loss, and never batch or system keys', () => {
    expect(pickMetricKeys(runs)).toEqual(['val/accuracy', 'val/loss', 'train/loss']);
    expect(buildColumns(runs).map(columnId)).toEqual([
      'name', 'status', 'started', 'duration', 'backend', 'config:lr', 'config:optimizer', 'metric:val/accuracy', 'metric:val/loss', 'metric:train/loss',
    ]);
  });

  it('sorts by numbers, text and time, with missing and NaN values last both ways', () => {
    const names = (rs: RunListItem[]) => rs.map((r) => r.name);
    expect(names(sortRuns(runs, { columnId: 'config:lr', direction: 'ascending' }, T0))).toEqual(['gamma', 'beta', 'alpha']);
    expect(names(sortRuns(runs, { columnId: 'metric:val/accuracy', direction: 'descending' }, T0))).toEqual(['beta', 'alpha', 'gamma']);
    expect(names(sortRuns(runs, { columnId: 'metric:train/loss', direction: 'ascending' }, T0))).toEqual(['beta', 'alpha', 'gamma']);
    expect(names(sortRuns(runs, { columnId: 'started', direction: 'descending' }, T0))).toEqual(['gamma', 'alpha', 'beta']);
    expect(names(sortRuns(runs, { columnId: 'backend', direction: 'descending' }, T0))).toEqual(['beta', 'alpha', 'gamma']);
  });

  it('filters by name, status, backend and key=value config, all terms required', () => {
    expect(filterRuns(runs, 'crashed').map((r) => r.id)).toEqual(['gamma']);
    expect(filterRuns(runs, 'webgpu').map((r) => r.id)).toEqual(['beta']);
    expect(filterRuns(runs, 'lr=0.01').map((r) => r.id)).toEqual(['beta']);
    expect(filterRuns(runs, 'optimizer=adam ALPHA').map((r) => r.id)).toEqual(['alpha']);
    expect(filterRuns(runs, '  ')).toHaveLength(3);
    expect(filterRuns(runs, 'nothing-matches')).toEqual([]);
  });

  it('counts a running run up to now and a finished one to its end', () => {
    expect(runDurationMs(run('r', { status: 'running', finishedAt: null }), T0 + 5000)).toBe(5000);
    expect(runDurationMs(run('r'), T0 + 99_999)).toBe(1000);
  });

  it('flips direction on the same column and picks a natural one for a new column', () => {
    expect(nextSort({ columnId: 'name', direction: 'ascending' }, 'name')).toEqual({ columnId: 'name', direction: 'descending' });
    expect(nextSort({ columnId: 'name', direction: 'ascending' }, 'metric:val/loss')).toEqual({ columnId: 'metric:val/loss', direction: 'descending' });
    expect(nextSort({ columnId: 'started', direction: 'descending' }, 'status')).toEqual({ columnId: 'status', direction: 'ascending' });
  });
});
