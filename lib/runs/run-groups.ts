import type { RunGroup } from '../track/run-query';

/**
 * Grouping helpers (pure): the filter that selects one group's runs, so an expanded group pages
 * through the same query API as the flat table.
 */

/**
 * The view's filter narrowed to one group (`by` is a field text such as `params.optimizer`). A
 * group's key is text: "0.01" is the number a browser logged or the string an MLflow client
 * logged, and numbers compare with numeric params only, so a numeric key asks for both.
 */
export function groupFilter(filter: string, by: string, group: Pick<RunGroup, 'key' | 'missing'>): string {
  const numeric = group.key.trim() !== '' && Number.isFinite(Number(group.key));
  const clause = group.missing ? `not ${by}` : numeric ? `${by} in (${Number(group.key)}, ${JSON.stringify(group.key)})` : `${by} = ${JSON.stringify(group.key)}`;
  return filter.trim() ? `(${filter}) and ${clause}` : clause;
}
