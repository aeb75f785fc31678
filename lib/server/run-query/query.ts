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
  const counted = cursor
    ? { total: cursor.total, exact: cursor.totalExact }
    : plan.ast === null
      ? await countRuns(db, where, Number.MAX_SAFE_INTEGER)
      : await countOrEstimate(db, plan.dialect, where);
  const total = counted.total;

  const picked: Array<{ row: TierRow; tier: number }> = [];
  for (let t = cursor?.tier ?? 0; t < tiers.length && picked.length <= opts.limit; t++) {
    const tier = tiers[t];
    const conds = [where, tier.where];
    if (cursor && cursor.tier === t) conds.push(afterCursor(tier, first.desc, later, cursor.values, cursor.id));
    const sortCols = [...(tier.column ? [tier.column] : []), ...later.map((e) => e.expr)].map((c, i) => sql`${c} as ${sql.ref(`s${i}`)}`);
    const { rows } = await sql<TierRow>`
      select r.id${sortCols.length > 0 ? sql`, ${sql.join(sortCols)}` : sql``}
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
  return { rows: await assembleRows(db, await baseRows(db, page.map((p) => p.row.id)), opts.columns), total, totalExact: counted.exact, nextCursor };
}

/** PostgreSQL returns BIGINT as text in some drivers' setups; the cursor keeps numbers as numbers. */
function sortValue(v: SortValue | bigint | undefined): SortValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  return v;
}
