import type { RunColumns } from '../track/run-query';
import { quoteKey } from '../track/run-filter';

/**
 * The /runs table's columns as ids in the filter language's field syntax (`params.lr`,
 * `metrics.val/loss.min`), so a column id is also its sort key and what the query API's `columns`
 * asks for. Pure: no React.
 */

/** Columns of the run itself, in the chooser's order. */
export const BASE_COLUMNS = ['name', 'status', 'createdAt', 'duration', 'owner', 'backend', 'tags', 'sweepId'] as const;
export type BaseColumn = (typeof BASE_COLUMNS)[number];

const BASE_LABEL: Record<BaseColumn, string> = {
  name: 'Name',
  status: 'Status',
  createdAt: 'Started',
  duration: 'Duration',
  owner: 'Owner',
  backend: 'Backend',
  tags: 'Tags',
  sweepId: 'Sweep',
};

/** Summary statistics a metric column can show. */
export const METRIC_STATS = ['last', 'min', 'max'] as const;
export type MetricStat = (typeof METRIC_STATS)[number];

export type ColumnSpec =
  | { kind: 'base'; id: BaseColumn }
  | { kind: 'param'; id: string; key: string }
  | { kind: 'metric'; id: string; key: string; stat: MetricStat }
  | { kind: 'tag'; id: string; key: string };

export const paramColumn = (key: string) => `params.${quoteKey(key)}`;
export const metricColumn = (key: string, stat: MetricStat) => `metrics.${quoteKey(key)}.${stat}`;
export const tagColumn = (key: string) => `tags.${quoteKey(key)}`;

function unquote(text: string): string {
  return text.startsWith('`') && text.endsWith('`') ? text.slice(1, -1).replaceAll('``', '`') : text;
}

/** A column id back to what it shows; null for an id this table does not know (a stale link). */
export function parseColumn(id: string): ColumnSpec | null {
  if ((BASE_COLUMNS as readonly string[]).includes(id)) return { kind: 'base', id: id as BaseColumn };
  if (id.startsWith('params.') && id.length > 7) return { kind: 'param', id, key: unquote(id.slice(7)) };
  if (id.startsWith('tags.') && id.length > 5) return { kind: 'tag', id, key: unquote(id.slice(5)) };
  const metric = /^metrics\.(.+)\.(last|min|max)$/.exec(id);
  if (metric) return { kind: 'metric', id, key: unquote(metric[1]), stat: metric[2] as MetricStat };
  return null;
}

export function columnLabel(spec: ColumnSpec): string {
  switch (spec.kind) {
    case 'base':
      return BASE_LABEL[spec.id];
    case 'param':
    case 'tag':
      return spec.key;
    case 'metric':
      return spec.stat === 'last' ? spec.key : `${spec.key} (${spec.stat})`;
  }
}

/** The server sorts by these; duration and backend are shown only (not columns of the query API). */
export function isSortable(spec: ColumnSpec): boolean {
  return spec.kind !== 'base' || !['duration', 'backend', 'tags'].includes(spec.id);
}

/** What the query API's `columns` needs to send back the visible params and metrics only (lean rows). */
export function requestedFields(ids: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const spec = parseColumn(id);
    if (spec?.kind === 'param') out.add(spec.id);
    if (spec?.kind === 'metric') out.add(`metrics.${quoteKey(spec.key)}`);
  }
  return [...out];
}

const PREFERRED_PARAMS = ['learningRate', 'lr', 'learning_rate', 'optimizer', 'batchSize', 'batch_size', 'epochs'];
const NOT_A_RESULT = /^(batch|perf|memory|sys)[/_.]|^(lr|learning_rate)$/;

/** Validation metrics first, accuracy-like before loss (what people scan a leaderboard for). */
export function rankMetricKeys(keys: readonly string[]): string[] {
  const rank = (key: string) => (/^val(idation)?[/_.]/.test(key) ? 0 : /^train(ing)?[/_.]/.test(key) ? 1 : 2);
  const kind = (key: string) => (/acc/.test(key) ? 0 : /loss/.test(key) ? 1 : 2);
  return keys.filter((k) => !NOT_A_RESULT.test(k)).sort((a, b) => rank(a) - rank(b) || kind(a) - kind(b) || a.localeCompare(b));
}

function rankParamKeys(keys: readonly string[]): string[] {
  const priority = (key: string) => {
    const i = PREFERRED_PARAMS.indexOf(key);
    return i < 0 ? PREFERRED_PARAMS.length : i;
  };
  return [...keys].sort((a, b) => priority(a) - priority(b) || a.split('.').length - b.split('.').length || a.localeCompare(b));
}

/** The columns a view without chosen columns shows: the run's facts, a few params and metrics. */
export function defaultColumns(available: RunColumns | undefined): string[] {
  const params = rankParamKeys(available?.params ?? []).slice(0, 4).map(paramColumn);
  const metrics = rankMetricKeys(available?.metrics ?? []).slice(0, 3).map((k) => metricColumn(k, 'last'));
  return ['name', 'status', 'createdAt', 'duration', 'backend', 'tags', ...params, ...metrics];
}
