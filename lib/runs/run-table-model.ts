import type { RunStatus } from '../track/schemas';
import type { RunListItem } from '../track/run-list';
import type { RunOrigin } from '../track/sync-merge';

/**
 * What the runs table shows and how it sorts and filters, without React: W&B-style columns where
 * config keys that differ between runs and the most common summary metrics get their own column.
 */
export type RunColumn =
  | { kind: 'name' }
  | { kind: 'status' }
  | { kind: 'origin' }
  | { kind: 'started' }
  | { kind: 'duration' }
  | { kind: 'backend' }
  | { kind: 'config'; key: string }
  | { kind: 'metric'; key: string };

export type SortDirection = 'ascending' | 'descending';
export interface RunSort {
  columnId: string;
  direction: SortDirection;
}

export const DEFAULT_SORT: RunSort = { columnId: 'started', direction: 'descending' };

export function columnId(column: RunColumn): string {
  return column.kind === 'config' || column.kind === 'metric' ? `${column.kind}:${column.key}` : column.kind;
}

export function columnLabel(column: RunColumn): string {
  switch (column.kind) {
    case 'config':
    case 'metric':
      return column.key;
    default:
      return column.kind[0].toUpperCase() + column.kind.slice(1);
  }
}

/** Wall time of a run; a running run counts up to `now`. */
export function runDurationMs(run: Pick<RunListItem, 'createdAt' | 'updatedAt' | 'finishedAt' | 'status'>, now: number): number {
  const end = run.finishedAt ?? (run.status === 'running' ? now : run.updatedAt);
  return Math.max(0, end - run.createdAt);
}

const PREFERRED_CONFIG = ['learningRate', 'lr', 'learning_rate', 'optimizer', 'batchSize', 'batch_size', 'epochs'];

const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Config params (the scalar leaves lists carry, lib/track/run-list.ts) worth a column: those whose value differs between runs (a key missing from
 * some runs differs too). When nothing differs (one run, or identical configs), the most common few.
 */
export function pickConfigKeys(runs: RunListItem[], max = 4): string[] {
  const values = new Map<string, Set<string>>();
  for (const run of runs) {
    for (const [key, value] of Object.entries(run.params)) {
      if (!isScalar(value)) continue;
      if (!values.has(key)) values.set(key, new Set());
      values.get(key)!.add(String(value));
    }
  }
  const count = (key: string) => runs.filter((r) => isScalar(r.params[key])).length;
  const differs = (key: string) => values.get(key)!.size > 1 || count(key) < runs.length;
  // Among equals, the hyperparameters people compare first.
  const priority = (key: string) => {
    const i = PREFERRED_CONFIG.indexOf(key);
    return i < 0 ? PREFERRED_CONFIG.length : i;
  };
  const byCommon = (a: string, b: string) => count(b) - count(a) || priority(a) - priority(b) || a.localeCompare(b);
  const varying = [...values.keys()].filter(differs).sort(byCommon);
  if (varying.length > 0) return varying.slice(0, max);
  return [...values.keys()].sort(byCommon).slice(0, Math.min(2, max));
}

const NOT_A_RESULT = /^(batch|perf|memory|sys)[/_.]|^(lr|learning_rate)$/;

/** Validation metrics first (what people compare), then training ones; batch and system keys never. */
export function pickMetricKeys(runs: RunListItem[], max = 3): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) for (const key of Object.keys(run.summary)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const rank = (key: string) => (/^val(idation)?[/_.]/.test(key) ? 0 : /^train(ing)?[/_.]/.test(key) ? 1 : 2);
  // Accuracy-like before loss within a rank: the number people scan a leaderboard for.
  const kind = (key: string) => (/acc/.test(key) ? 0 : /loss/.test(key) ? 1 : 2);
  return [...counts.keys()]
    .filter((k) => !NOT_A_RESULT.test(k))
    .sort((a, b) => rank(a) - rank(b) || kind(a) - kind(b) || counts.get(b)! - counts.get(a)! || a.localeCompare(b))
    .slice(0, max);
}

/** Where each run lives (this browser, the sync server, both), by run id; absent = this browser. */
export type RunOrigins = ReadonlyMap<string, RunOrigin>;

/** `origin`: add the Origin column (when runs come from this browser and a server). */
export function buildColumns(runs: RunListItem[], options: { origin?: boolean } = {}): RunColumn[] {
  return [
    { kind: 'name' },
    { kind: 'status' },
    ...(options.origin ? [{ kind: 'origin' } as const] : []),
    { kind: 'started' },
    { kind: 'duration' },
    { kind: 'backend' },
    ...pickConfigKeys(runs).map((key): RunColumn => ({ kind: 'config', key })),
    ...pickMetricKeys(runs).map((key): RunColumn => ({ kind: 'metric', key })),
  ];
}

const STATUS_ORDER: Record<RunStatus, number> = { running: 0, finished: 1, stopped: 2, failed: 3, crashed: 4 };
const ORIGIN_ORDER: Record<RunOrigin, number> = { local: 0, both: 1, server: 2 };

export const originOf = (run: RunListItem, origins?: RunOrigins): RunOrigin => origins?.get(run.id) ?? 'local';

function sortValue(run: RunListItem, id: string, now: number, origins?: RunOrigins): string | number | null {
  if (id === 'name') return run.name.toLowerCase();
  if (id === 'status') return STATUS_ORDER[run.status];
  if (id === 'origin') return ORIGIN_ORDER[originOf(run, origins)];
  if (id === 'started') return run.createdAt;
  if (id === 'duration') return runDurationMs(run, now);
  if (id === 'backend') return run.backend;
  if (id.startsWith('config:')) {
    const v = run.params[id.slice(7)];
    return typeof v === 'number' ? v : v == null ? null : String(v);
  }
  if (id.startsWith('metric:')) {
    const v = run.summary[id.slice(7)]?.last;
    return v == null || Number.isNaN(v) ? null : v;
  }
  return null;
}

/** Stable sort; runs without a value sort last in either direction. */
export function sortRuns(runs: RunListItem[], sort: RunSort, now: number, origins?: RunOrigins): RunListItem[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return runs
    .map((run, index) => ({ run, index, value: sortValue(run, sort.columnId, now, origins) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const cmp = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value));
      return cmp * sign || a.index - b.index;
    })
    .map((x) => x.run);
}

/** Every whitespace-separated term must match the name, status, origin, backend, id or a `key=value` of config. */
export function filterRuns(runs: RunListItem[], query: string, origins?: RunOrigins): RunListItem[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return runs;
  return runs.filter((run) => {
    const haystack = [
      run.name,
      run.status,
      ...(origins ? [`origin=${originOf(run, origins)}`] : []),
      run.backend,
      run.id,
      ...Object.entries(run.params).map(([k, v]) => `${k}=${String(v)}`),
      ...Object.values(run.tags),
    ].map((s) => s.toLowerCase());
    return terms.every((t) => haystack.some((h) => h.includes(t)));
  });
}

/** Header click: a new column sorts descending for numbers/time, ascending for text; again flips. */
export function nextSort(current: RunSort, columnIdClicked: string): RunSort {
  if (current.columnId === columnIdClicked) {
    return { columnId: columnIdClicked, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const textual = ['name', 'status', 'origin', 'backend'].includes(columnIdClicked) || columnIdClicked.startsWith('config:');
  return { columnId: columnIdClicked, direction: textual ? 'ascending' : 'descending' };
}
