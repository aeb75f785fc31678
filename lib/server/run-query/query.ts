import { sql, type Kysely } from 'kysely';
import type { WireRunRow } from '@/lib/track/run-query';
import { countOrEstimate, countRuns } from './count';
import { drivenWhere } from './driving';
import type { Database } from '../db/schema';
import { decodeRunCursor, encodeRunCursor, type RunCursor } from './cursor';
import type { RunQueryPlan } from './plan';
import { assembleRows, baseRows, type RowColumns } from './rows';
import { afterCursor, orderBy, sortExprs, sortTiers, type SortValue } from './sort-sql';

export interface RunQueryPage {
  rows: WireRunRow[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

type TierRow = { id: string } & Record<`s${number}`, SortValue>;

/**
 * One page: the tiers of the first sort key (sort-sql.ts) read in order from the cursor's tier,
 * each an index range after the cursor's row, until `limit + 1` rows say whether more follow.
 * The tier queries read only ids and sort values, so the filter and the sort are answered from
 * covering indexes; the wide runs rows (config, summary, env: kilobytes each, with the
 * soft-delete column stored after them) are read for the page's rows only (baseRows).
 * The total is counted with the first page and carried in the cursor.
 */
export async function queryRuns(db: Kysely<Database>, plan: RunQueryPlan, opts: { cursor?: string; limit: number; columns: RowColumns }): Promise<RunQueryPage> {
  const cursor: RunCursor | undefined = opts.cursor === undefined ? undefined : decodeRunCursor(opts.cursor, plan.hash);
  const [first, ...rest] = plan.keys;
  const tiers = sortTiers(first);
  const later = rest.flatMap(sortExprs);
  const where = await drivenWhere(db, plan);
  // No filter: every visible run, counted exactly from the visible-runs index (5 ms at 100,000
  // on SQLite), so the unfiltered table never shows "≈ 99,800" for 100,000 runs.
  // Started before the page and awaited after it: on PostgreSQL the count runs on another pooled
  // connection (another backend process) at the same time as the page's tiers, so a filtered first
  // page costs the longer of the two, not their sum. better-sqlite3 is synchronous: no change there.
  const counting = cursor
    ? Promise.resolve({ total: cursor.total, exact: cursor.totalExact })
    : plan.ast === null
      ? countRuns(db, where, Number.MAX_SAFE_INTEGER)
      : countOrEstimate(db, plan.dialect, where);
  const [counted, picked] = await Promise.all([counting, pickPage(db, { tiers, later, first, where, cursor, limit: opts.limit })]);
  const total = counted.total;

  const page = picked.slice(0, opts.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (picked.length > opts.limit && last) {
    const count = (tiers[last.tier].column ? 1 : 0) + later.length;
    const values = Array.from({ length: count }, (_, i) => sortValue(last.row[`s${i}`]));
    nextCursor = encodeRunCursor({ tier: last.tier, values, id: last.row.id, total, totalExact: counted.exact, query: plan.hash });
  }
  return { rows: await assembleRows(db, await baseRows(db, page.map((p) => p.row.id)), opts.columns), total, totalExact: counted.exact, nextCursor };
}

interface PageSpec {
  tiers: ReturnType<typeof sortTiers>;
  later: ReturnType<typeof sortExprs>;
  first: RunQueryPlan['keys'][number];
  where: Awaited<ReturnType<typeof drivenWhere>>;
  cursor: RunCursor | undefined;
  limit: number;
}

/** Up to `limit + 1` ids (with their sort values) in order, tier by tier from the cursor's. */
async function pickPage(db: Kysely<Database>, { tiers, later, first, where, cursor, limit }: PageSpec): Promise<Array<{ row: TierRow; tier: number }>> {
  const picked: Array<{ row: TierRow; tier: number }> = [];
  for (let t = cursor?.tier ?? 0; t < tiers.length && picked.length <= limit; t++) {
    const tier = tiers[t];
    const conds = [where, tier.where];
    if (cursor && cursor.tier === t) conds.push(afterCursor(tier, first.desc, later, cursor.values, cursor.id));
    const sortCols = [...(tier.column ? [tier.column] : []), ...later.map((e) => e.expr)].map((c, i) => sql`${c} as ${sql.ref(`s${i}`)}`);
    const { rows } = await sql<TierRow>`
      select r.id${sortCols.length > 0 ? sql`, ${sql.join(sortCols)}` : sql``}
      from runs r ${tier.join ?? sql``}
      where ${sql.join(conds, sql` and `)}
      order by ${orderBy(tier, first.desc, later)}
      limit ${limit + 1 - picked.length}`.execute(db);
    for (const row of rows) picked.push({ row, tier: t });
  }
  return picked;
}

/** PostgreSQL returns BIGINT as text in some drivers' setups; the cursor keeps numbers as numbers. */
function sortValue(v: SortValue | bigint | undefined): SortValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  return v;
}
