import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RunField } from '@/lib/track/run-filter';
import { RUN_QUERY_LIMITS, type RunColumns, type WireRunGroups } from '@/lib/track/run-query';
import { toWireNumber } from '@/lib/track/wire-number';
import type { DbDialect } from '../db/connect';
import type { Database } from '../db/schema';
import { countOrEstimate, runSample, runTableSize, SAMPLE_BUCKETS } from './count';
import { ATTR_COLUMNS } from './columns';

/** Keys listed per kind at most (a column chooser of thousands is no chooser). */
export const MAX_COLUMN_KEYS = 2000;
/** Groups answered at most (largest first). */
export const MAX_GROUPS = 1000;

/** Every param, metric and tag key among the runs matching `where`, sorted. */
export async function runColumns(db: Kysely<Database>, where: RawBuilder<boolean>, unfiltered: boolean): Promise<RunColumns> {
  const keys = async (table: 'run_param_values' | 'run_metrics' | 'run_tags') => {
    const t = sql.table(table);
    // Unfiltered: a skip scan of the (key, …) index, one seek per distinct key (a plain DISTINCT
    // reads all 2,000,000 rows of 100,000 runs × 20 params: a second on PostgreSQL).
    const { rows } = unfiltered
      ? await sql<{ key: string }>`with recursive k(key) as (
            select min(key) from ${t}
            union all
            select (select min(key) from ${t} where key > k.key) from k where k.key is not null
          ) select key from k where key is not null limit ${MAX_COLUMN_KEYS}`.execute(db)
      : await sql<{ key: string }>`select distinct key from ${t} where run_id in (select r.id from runs r where ${where}) order by key limit ${MAX_COLUMN_KEYS}`.execute(db);
    return rows.map((r) => r.key);
  };
  const [params, metrics, tags] = await Promise.all([keys('run_param_values'), keys('run_metrics'), keys('run_tags')]);
  return { params, metrics, tags };
}

/** The group value of a run: a column of `runs r` or a joined param/tag value (NULL: missing). */
function groupValue(by: RunField): { join: RawBuilder<unknown>; value: RawBuilder<unknown> } | undefined {
  switch (by.kind) {
    case 'attr':
      return { join: sql``, value: ATTR_COLUMNS[by.attr].column };
    case 'param':
      return { join: sql`left join run_param_values g on g.run_id = r.id and g.key = ${by.key}`, value: sql.ref('g.text_value') };
    case 'tag':
      return { join: sql`left join run_tags g on g.run_id = r.id and g.key = ${by.key}`, value: sql.ref('g.value') };
    case 'metric':
      return undefined;
  }
}

/**
 * Per group of `by`: run count and mean/min/max of each metric's last value. Bounded: past
 * RUN_QUERY_LIMITS.maxGroupRuns matches (an estimate, count.ts) it aggregates a fixed sample of
 * about that many runs and scales the counts (all 100,000 runs cost 240 ms of CPU on SQLite,
 * 1.4 s wall on a busy machine). Undefined: `by` cannot group.
 */
export async function runGroups(db: Kysely<Database>, opts: { dialect: DbDialect; where: RawBuilder<boolean>; by: RunField; byText: string; metrics: string[]; maxRuns?: number }): Promise<WireRunGroups | undefined> {
  const g = groupValue(opts.by);
  if (!g) return undefined;
  const { metrics } = opts;
  const maxRuns = opts.maxRuns ?? RUN_QUERY_LIMITS.maxGroupRuns;
  const matching = await countOrEstimate(db, opts.dialect, opts.where, { cap: Math.min(maxRuns, RUN_QUERY_LIMITS.maxExactTotal) });
  const sample = matching.total > maxRuns ? await runSample(db, opts.dialect, Math.ceil((maxRuns * (await runTableSize(db, opts.dialect))) / matching.total)) : undefined;
  const scale = sample && sample.buckets < SAMPLE_BUCKETS ? SAMPLE_BUCKETS / sample.buckets : 1;
  const joins = metrics.map((m, i) => sql`left join run_metrics ${sql.ref(`m${i}`)} on ${sql.ref(`m${i}.run_id`)} = r.id and ${sql.ref(`m${i}.key`)} = ${m}`);
  const aggs = metrics.map((_, i) => {
    const v = sql.ref(`m${i}.last_value`);
    return sql`, avg(${v}) as ${sql.ref(`mean${i}`)}, min(${v}) as ${sql.ref(`min${i}`)}, max(${v}) as ${sql.ref(`max${i}`)}`;
  });
  const { rows } = await sql<Record<string, unknown>>`
    select ${g.value} as gv, count(*) as n ${sql.join(aggs, sql``)}
    from runs r ${g.join} ${sql.join(joins, sql` `)}
    where ${opts.where}${scale > 1 && sample ? sql` and ${sample.where}` : sql``}
    group by ${g.value}
    order by count(*) desc, ${g.value}
    limit ${MAX_GROUPS}`.execute(db);
  const wire = (v: unknown) => (v === null || v === undefined ? null : toWireNumber(Number(v)));
  return {
    by: opts.byText,
    groups: rows.map((r) => ({
      key: r.gv === null ? '' : String(r.gv),
      ...(r.gv === null ? { missing: true } : {}),
      count: Math.round(Number(r.n) * scale),
      metrics: Object.fromEntries(metrics.map((m, i) => [m, { mean: wire(r[`mean${i}`]), min: wire(r[`min${i}`]), max: wire(r[`max${i}`]) }])),
    })),
    ...(scale > 1 ? { sampled: 1 / scale } : {}),
  };
}
