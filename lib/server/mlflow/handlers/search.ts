import { invalidParameter } from '../errors';
import { matchesAll, type Searchable } from '../search/evaluate';
import { parseFilter, type Clause } from '../search/filter';
import { compareBy, parseOrderBy, type OrderKey } from '../search/order-by';
import { decodePageToken, pageOf, PageTokenError } from '../search/page-token';
import { SearchSyntaxError } from '../search/scanner';
import type { SearchSchema } from '../search/schema';

/** The search fields runs/search and experiments/search share. */
export interface SearchRequest {
  filter?: string;
  order_by?: string[];
  page_token?: string;
  max_results?: number;
}

export interface CompiledSearch {
  clauses: Clause[];
  order: OrderKey[];
  offset: number;
}

/** Parses filter, order_by and page_token, turning any mistake into INVALID_PARAMETER_VALUE. */
export function compileSearch(req: SearchRequest, schema: SearchSchema): CompiledSearch {
  try {
    return { clauses: parseFilter(req.filter, schema), order: parseOrderBy(req.order_by, schema), offset: decodePageToken(req.page_token) };
  } catch (err) {
    if (err instanceof SearchSyntaxError) {
      const what = err.message.startsWith('order_by[') ? 'order_by' : `filter "${req.filter}"`;
      throw invalidParameter(`Invalid ${what}: ${err.message}`);
    }
    if (err instanceof PageTokenError) throw invalidParameter(err.message);
    throw err;
  }
}

/**
 * Longest time the filter may take over one search's rows (ms). Every pattern is matched in
 * polynomial time, but a long pattern over thousands of long values could still hold the
 * process: past this, the search is refused rather than left to block every other request.
 */
export const SEARCH_FILTER_BUDGET_MS = 1500;

/** Filters, orders (the request's keys, then the tiebreak) and cuts one page. */
export function applySearch<T extends Searchable>(items: readonly T[], search: CompiledSearch, tiebreak: readonly OrderKey[], maxResults: number) {
  const deadline = Date.now() + SEARCH_FILTER_BUDGET_MS;
  const hits: T[] = [];
  for (let i = 0; i < items.length; i++) {
    if (matchesAll(search.clauses, items[i])) hits.push(items[i]);
    if (Date.now() > deadline) {
      throw invalidParameter(
        `The filter took over ${SEARCH_FILTER_BUDGET_MS / 1000} s after ${(i + 1).toLocaleString('en-US')} of ${items.length.toLocaleString('en-US')} rows and was stopped: use shorter LIKE patterns or a more selective filter.`,
      );
    }
  }
  hits.sort(compareBy([...search.order, ...tiebreak]));
  return pageOf(hits, search.offset, maxResults);
}

export function searchPage<T extends Searchable>(
  items: readonly T[],
  req: SearchRequest,
  opts: { schema: SearchSchema; tiebreak: readonly OrderKey[]; maxResults: number },
) {
  return applySearch(items, compileSearch(req, opts.schema), opts.tiebreak, opts.maxResults);
}
