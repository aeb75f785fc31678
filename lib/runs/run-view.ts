/**
 * The /runs view (filter, sort, columns, grouping, deleted runs) as data, and its one mapping to
 * and from the URL's query string, so a view can be shared as a link (as tensorflow/playground
 * keeps its state in the URL). Column ids and sort keys are field texts of the filter language
 * (`name`, `params.lr`, `metrics.val/loss.min`), the same strings the server's query API takes.
 */
export interface RunView {
  /** Filter expression (lib/track/run-filter); "" = every run. */
  filter: string;
  /** Sort key: a field text, `-` in front = descending. */
  sort: string;
  /** Visible columns in order; null = the default choice (made from the columns the server has). */
  columns: string[] | null;
  /** Group rows by this param or tag (`params.optimizer`, `tags.team`); null = no grouping. */
  groupBy: string | null;
  /** Show soft-deleted runs only (the "Deleted" view, where runs are restored). */
  deleted: boolean;
}

export const DEFAULT_VIEW: RunView = { filter: '', sort: '-createdAt', columns: null, groupBy: null, deleted: false };

/** Query-string names: short, stable (links people shared keep working). */
const KEYS = { filter: 'filter', sort: 'sort', column: 'col', groupBy: 'group', deleted: 'deleted' } as const;

export function viewFromSearch(search: URLSearchParams): RunView {
  const columns = search.getAll(KEYS.column).filter(Boolean);
  return {
    filter: search.get(KEYS.filter) ?? DEFAULT_VIEW.filter,
    sort: search.get(KEYS.sort) || DEFAULT_VIEW.sort,
    columns: columns.length > 0 ? [...new Set(columns)] : null,
    groupBy: search.get(KEYS.groupBy) || null,
    deleted: search.get(KEYS.deleted) === '1',
  };
}

/** Only what differs from the default is written, so the plain /runs link stays plain. */
export function viewToSearch(view: RunView): URLSearchParams {
  const q = new URLSearchParams();
  if (view.filter) q.set(KEYS.filter, view.filter);
  if (view.sort !== DEFAULT_VIEW.sort) q.set(KEYS.sort, view.sort);
  for (const c of view.columns ?? []) q.append(KEYS.column, c);
  if (view.groupBy) q.set(KEYS.groupBy, view.groupBy);
  if (view.deleted) q.set(KEYS.deleted, '1');
  return q;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

/** The first key of a sort string (the table sorts by one column; the server takes more). */
export function parseSort(sort: string): SortKey {
  const first = sort.split(',')[0]?.trim() || DEFAULT_VIEW.sort;
  return first.startsWith('-') ? { field: first.slice(1), descending: true } : { field: first, descending: false };
}

export const sortText = (key: SortKey) => `${key.descending ? '-' : ''}${key.field}`;

/** Text columns whose first click sorts A→Z; numbers and times start with the largest/newest. */
const TEXT_FIELDS = new Set(['name', 'status', 'owner', 'sweepId', 'backend']);

/** Header click: the same column flips; a new one starts descending for numbers/time, ascending for text. */
export function nextSort(current: string, field: string): string {
  const key = parseSort(current);
  if (key.field === field) return sortText({ field, descending: !key.descending });
  const textual = TEXT_FIELDS.has(field) || field.startsWith('tags.');
  return sortText({ field, descending: !textual });
}
