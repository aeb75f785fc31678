import { sql, type Kysely } from 'kysely';
import { RUN_QUERY_LIMITS, type WireRunRow } from '@/lib/track/run-query';
import type { Database } from '../db/schema';
import { decodeRunCursor, encodeRunCursor, type RunCursor } from './cursor';
import type { RunQueryPlan } from './plan';
import { assembleRows, ROW_COLUMNS, type RowColumns, type RunBaseRow } from './rows';
import { afterCursor, orderBy, sortExprs, sortTiers, type SortValue } from './sort-sql';

export interface RunQueryPage {
  rows: WireRunRow[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}

type TierRow = RunBaseRow & Record<`s${number}`, SortValue>;

/**
 * Rows matching the plan's filter, counted up to RUN_QUERY_LIMITS.maxExactTotal: an exact count
 * of a broad filter over 100,000 runs visits every match (hundreds of ms), a capped one at most
 * the cap. Past it the answer says `totalExact: false` and the table shows "10,000+".
 */
export async function countRuns(db: Kysely<Database>, where: RunQueryPlan['where'], cap: number = RUN_QUERY_LIMITS.maxExactTotal): Promise<{ total: number; exact: boolean }> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 as one from runs r where ${where} limit ${cap + 1}) t`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  return n > cap ? { total: cap, exact: false } : { total: n, exact: true };
}

/**
 * One page: the tiers of the first sort key (sort-sql.ts) read in order from the cursor's tier,
 * each an index range after the cursor's row, until `limit + 1` rows say whether more follow.
 * The total is counted with the first page and carried in the cursor.
 */
export async function queryRuns(db: Kysely<Database>, plan: RunQueryPlan, opts: { cursor?: string; limit: number; columns: RowColumns }): Promise<RunQueryPage> {
  const cursor: RunCursor | undefined = opts.cursor === undefined ? undefined : decodeRunCursor(opts.cursor, plan.hash);
  const [first, ...rest] = plan.keys;
  const tiers = sortTiers(first);
  const later = rest.flatMap(sortExprs);
  const counted = cursor ? { total: cursor.total, exact: cursor.totalExact } : await countRuns(db, plan.where);
  const total = counted.total;

  const picked: Array<{ row: TierRow; tier: number }> = [];
  for (let t = cursor?.tier ?? 0; t < tiers.length && picked.length <= opts.limit; t++) {
    const tier = tiers[t];
    const conds = [plan.where, tier.where];
    if (cursor && cursor.tier === t) conds.push(afterCursor(tier, first.desc, later, cursor.values, cursor.id));
    const sortCols = [...(tier.column ? [tier.column] : []), ...later.map((e) => e.expr)].map((c, i) => sql`${c} as ${sql.ref(`s${i}`)}`);
    const { rows } = await sql<TierRow>`
      select ${ROW_COLUMNS}${sortCols.length > 0 ? sql`, ${sql.join(sortCols)}` : sql``}
      from runs r ${tier.join ?? sql``}
      where ${sql.join(conds, sql` and `)}
      order by ${orderBy(tier, first.desc, later)}
      limit ${opts.limit + 1 - picked.length}`.execute(db);
    for (const row of rows) picked.push({ row, tier: t });
  }

  const page = picked.slice(0, opts.limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (picked.length > opts.limit && last) {
    const count = (tiers[last.tier].column ? 1 : 0) + later.length;
    const values = Array.from({ length: count }, (_, i) => sortValue(last.row[`s${i}`]));
    nextCursor = encodeRunCursor({ tier: last.tier, values, id: last.row.id, total, totalExact: counted.exact, query: plan.hash });
  }
  return { rows: await assembleRows(db, page.map((p) => p.row), opts.columns), total, totalExact: counted.exact, nextCursor };
}

/** PostgreSQL returns BIGINT as text in some drivers' setups; the cursor keeps numbers as numbers. */
function sortValue(v: SortValue | bigint | undefined): SortValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  return v;
}
