import { sql, type RawBuilder } from 'kysely';
import type { RunSortKey } from '@/lib/track/run-filter';
import { ATTR_COLUMNS } from './columns';

export type SortValue = string | number | null;

/**
 * One slice of a sort: runs whose first sort key has a value of one kind, ordered by it. A first
 * key a run may lack (a metric, a param, a nullable column) splits the sort into tiers — runs
 * with the value, then (params) text values, then runs without it — so each tier is an index
 * range with no NULL in its ordering column, and "missing sorts last" costs no full scan.
 */
export interface SortTier {
  /** `join … on … = r.id` that brings the ordering column, if any. */
  join?: RawBuilder<unknown>;
  /** Rows of this tier. */
  where: RawBuilder<boolean>;
  /** Ordering column (absent: the tier has no value, only the later keys and the id order it). */
  column?: RawBuilder<unknown>;
  /** Tie-break id column (the joined table's run_id, so the index that orders also ties). */
  idColumn: RawBuilder<unknown>;
}

/** A later sort key: a scalar expression per row that may be NULL (sorted last). */
export interface SortExpr {
  expr: RawBuilder<unknown>;
  desc: boolean;
}

const TRUE = sql<boolean>`1 = 1`;
const rid = sql.ref('r.id');

export function sortTiers(key: RunSortKey): SortTier[] {
  const f = key.field;
  switch (f.kind) {
    case 'attr': {
      const c = ATTR_COLUMNS[f.attr];
      if (!c.nullable) return [{ where: TRUE, column: c.column, idColumn: rid }];
      return [
        { where: sql<boolean>`${c.column} is not null`, column: c.column, idColumn: rid },
        { where: sql<boolean>`${c.column} is null`, idColumn: rid },
      ];
    }
    case 'metric': {
      const col = sql.ref(`s.${f.agg}_value`);
      return [
        { join: sql`join run_metrics s on s.run_id = r.id and s.key = ${f.key}`, where: sql<boolean>`${col} is not null`, column: col, idColumn: sql.ref('s.run_id') },
        { where: sql<boolean>`r.id not in (select run_id from run_metrics where key = ${f.key} and ${sql.ref(`${f.agg}_value`)} is not null)`, idColumn: rid },
      ];
    }
    case 'param':
      return [
        { join: sql`join run_param_values s on s.run_id = r.id and s.key = ${f.key}`, where: sql<boolean>`s.num_value is not null`, column: sql.ref('s.num_value'), idColumn: sql.ref('s.run_id') },
        { join: sql`join run_param_values s on s.run_id = r.id and s.key = ${f.key}`, where: sql<boolean>`s.num_value is null`, column: sql.ref('s.text_value'), idColumn: sql.ref('s.run_id') },
        { where: sql<boolean>`r.id not in (select run_id from run_param_values where key = ${f.key})`, idColumn: rid },
      ];
    case 'tag':
      return [
        { join: sql`join run_tags s on s.run_id = r.id and s.key = ${f.key}`, where: TRUE, column: sql.ref('s.value'), idColumn: sql.ref('s.run_id') },
        { where: sql<boolean>`r.id not in (select run_id from run_tags where key = ${f.key})`, idColumn: rid },
      ];
  }
}

/** Later keys as scalar subqueries (a param contributes its number, then its text). */
export function sortExprs(key: RunSortKey): SortExpr[] {
  const f = key.field;
  const desc = key.desc;
  switch (f.kind) {
    case 'attr':
      return [{ expr: ATTR_COLUMNS[f.attr].column, desc }];
    case 'metric':
      return [{ expr: sql`(select ${sql.ref(`${f.agg}_value`)} from run_metrics where run_id = r.id and key = ${f.key})`, desc }];
    case 'param':
      return [
        { expr: sql`(select num_value from run_param_values where run_id = r.id and key = ${f.key})`, desc },
        { expr: sql`(select text_value from run_param_values where run_id = r.id and key = ${f.key})`, desc },
      ];
    case 'tag':
      return [{ expr: sql`(select value from run_tags where run_id = r.id and key = ${f.key})`, desc }];
  }
}

/** ORDER BY terms of a tier: its column, the later keys (NULLs last), the id. */
export function orderBy(tier: SortTier, desc: boolean, later: SortExpr[]): RawBuilder<unknown> {
  const dir = (d: boolean) => sql.raw(d ? 'desc' : 'asc');
  const terms: RawBuilder<unknown>[] = [];
  if (tier.column) terms.push(sql`${tier.column} ${dir(desc)}`);
  for (const e of later) terms.push(sql`(case when ${e.expr} is null then 1 else 0 end) asc`, sql`${e.expr} ${dir(e.desc)}`);
  terms.push(sql`${tier.idColumn} ${dir(desc)}`);
  return sql.join(terms);
}

/**
 * Rows strictly after the cursor's row within the same tier: lexicographic over (column, later
 * keys with NULLs last, id), plus a plain range bound on the column so the index seeks.
 */
export function afterCursor(tier: SortTier, desc: boolean, later: SortExpr[], values: SortValue[], id: string): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  const eqs: RawBuilder<boolean>[] = [];
  let i = 0;
  let bound: RawBuilder<boolean> | undefined;
  if (tier.column) {
    const c = values[i++];
    const op = sql.raw(desc ? '<' : '>');
    parts.push(sql<boolean>`${tier.column} ${op} ${c}`);
    eqs.push(sql<boolean>`${tier.column} = ${c}`);
    bound = sql<boolean>`${tier.column} ${sql.raw(desc ? '<=' : '>=')} ${c}`;
  }
  for (const e of later) {
    const c = values[i++];
    const prefix = eqs.length > 0 ? sql<boolean>`${sql.join(eqs, sql` and `)} and ` : sql``;
    if (c !== null && c !== undefined) {
      parts.push(sql<boolean>`(${prefix}(${e.expr} ${sql.raw(e.desc ? '<' : '>')} ${c} or ${e.expr} is null))`);
      eqs.push(sql<boolean>`${e.expr} = ${c}`);
    } else {
      eqs.push(sql<boolean>`${e.expr} is null`);
    }
  }
  const prefix = eqs.length > 0 ? sql<boolean>`${sql.join(eqs, sql` and `)} and ` : sql``;
  parts.push(sql<boolean>`(${prefix}${tier.idColumn} ${sql.raw(desc ? '<' : '>')} ${id})`);
  const after = sql<boolean>`(${sql.join(parts, sql` or `)})`;
  return bound ? sql<boolean>`(${bound} and ${after})` : after;
}
