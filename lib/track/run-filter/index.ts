/** The run filter language: parse text to an AST (shared by the server's SQL and the browser). */
export * from './ast';
export { parseRunFilter, RUN_FILTER_LIMITS, type RunFilterError, type RunFilterParse } from './parser';
export { parseRunSort, MAX_SORT_KEYS, type RunSortKey } from './sort';
export { FIELD_HELP } from './fields';
export { matchesFilter, type FilterableRun } from './evaluate';
