import type { RunGroup } from '../track/run-query';

/**
 * Grouping helpers (pure): the filter that selects one group's runs, so an expanded group pages
 * through the same query API as the flat table.
 */

/** A group's value as a filter literal: numbers stay numbers (`params.lr = 0.01`), the rest strings. */
function literal(key: string): string {
  if (key.trim() !== '' && Number.isFinite(Number(key))) return key.trim();
  return JSON.stringify(key);
}

/** The view's filter narrowed to one group (`by` is a field text such as `params.optimizer`). */
export function groupFilter(filter: string, by: string, group: Pick<RunGroup, 'key' | 'missing'>): string {
  const clause = group.missing ? `not ${by}` : `${by} = ${literal(group.key)}`;
  return filter.trim() ? `(${filter}) and ${clause}` : clause;
}
