import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { FilterExpr } from '@/lib/track/run-filter';
import type { Database } from '../db/schema';
import { filterSql } from './filter-sql';
import { nameSearchIds, nameSearchTerm } from './name-search';
import type { RunQueryPlan } from './plan';

/**
 * Matches at most for a predicate to drive a query on SQLite. Walking the sort's index and
 * probing each run costs ~100·N/n probes for a page when n of N runs match; starting from the
 * n matching ids costs ~n: they break even near √(100·N) ≈ 3,000 at 100,000 runs.
 */
export const DRIVE_MAX_MATCHES = 3000;

/** The filter's top-level `and` terms. */
function conjuncts(expr: FilterExpr): FilterExpr[] {
  return expr.type === 'and' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

/**
 * The rows an index gives for a term that could drive: a param or metric predicate (one index
 * range of run_param_values / run_metrics; tags are id lists already) or `name ~ "text"` of 3+
 * characters (the trigram index, 011_runs_name_search). Undefined: the term cannot drive.
 */
function indexRows(e: FilterExpr): RawBuilder<unknown> | undefined {
  const phrase = nameSearchTerm(e);
  if (phrase !== undefined) return nameSearchIds(phrase);
  if (e.type === 'in') return e.field.kind === 'param' && e.values.length > 0 ? filterSql(e, 'rows') : undefined; // one probe with a value list (filter-sql memberIn)
  return (e.type === 'compare' || e.type === 'present') && (e.field.kind === 'param' || e.field.kind === 'metric') ? filterSql(e, 'rows') : undefined;
}

/**
 * The plan's WHERE condition, with its most selective param, metric or name term (at most
 * DRIVE_MAX_MATCHES matches, counted on its own index with a cap) turned into an id list that
 * SQLite starts from, instead of probing every run in sort order for it: `params.seed < 5` over
 * 100,000 runs read 100,000 runs for 5 matches. PostgreSQL plans this itself from statistics.
 */
export async function drivenWhere(db: Kysely<Database>, plan: RunQueryPlan): Promise<RawBuilder<boolean>> {
  if (plan.dialect !== 'sqlite' || plan.ast === null) return plan.where;
  let best: { term: FilterExpr; n: number } | undefined;
  for (const term of conjuncts(plan.ast)) {
    const rows = indexRows(term);
    if (rows === undefined) continue;
    const { rows: counted } = await sql<{ n: number }>`select count(*) as n from (${rows} limit ${DRIVE_MAX_MATCHES + 1}) t`.execute(db);
    const n = Number(counted[0]?.n ?? 0);
    if (n <= DRIVE_MAX_MATCHES && (!best || n < best.n)) best = { term, n };
  }
  return best ? plan.whereDrivenBy(best.term) : plan.where;
}
