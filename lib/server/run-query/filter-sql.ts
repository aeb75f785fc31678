import { sql, type RawBuilder } from 'kysely';
import type { CompareOp, FilterExpr, FilterValue, RunField, Span } from '@/lib/track/run-filter';
import { ATTR_COLUMNS, containsPattern, integerBound } from './columns';
import { nameSearchIds, nameSearchTerm } from './name-search';

/** A filter that parses but cannot be asked (a number compared with a text column's `~`, …). */
export class FilterMeaningError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const TRUE = sql<boolean>`1 = 1`;

/**
 * How "the run has a row in a key/value table" is asked. 'in': `r.id in (select run_id …)`,
 * which PostgreSQL plans as a hash semi-join either way. 'exists': a correlated probe of the
 * (run_id, key) primary key per candidate run, for SQLite, which otherwise materializes every
 * matching id of each predicate before the first row (50,000 ids for a broad `params.lr < 0.01`
 * over 100,000 runs); probing lets a sorted page or a capped count stop early. Tags stay 'in'
 * on SQLite too: a tag is a selective label (`tags.baseline`), whose few ids are cheaper to
 * collect than a probe of every run (bench:runs at 100k: 76 vs 453 ms CPU p95).
 */
export type MemberStyle = 'in' | 'exists' | 'rows';

function member(style: MemberStyle, table: 'run_param_values' | 'run_metrics' | 'run_tags', key: string, cond?: RawBuilder<unknown>): RawBuilder<boolean> {
  const t = sql.table(table);
  const extra = cond ? sql` and ${cond}` : sql``;
  // 'rows': the matching rows themselves, for counting how selective a predicate is (driving.ts).
  if (style === 'rows') return sql<boolean>`select run_id from ${t} where key = ${key}${extra}`;
  return style === 'exists' && table !== 'run_tags'
    ? sql<boolean>`exists (select 1 from ${t} x where x.run_id = r.id and x.key = ${key}${extra})`
    : sql<boolean>`r.id in (select run_id from ${t} where key = ${key}${extra})`;
}
const FALSE = sql<boolean>`1 = 0`;

/**
 * The filter as a WHERE condition over `runs r`, parameterized throughout. Params, metrics and
 * tags become `r.id IN (subquery)` on the denormalized tables' (key, value, run_id) indexes, so
 * the database can drive a query from the most selective predicate. A comparison with a key the
 * run lacks is false (also `!=`); `not` is plain negation, so `not params.x = 1` matches runs
 * without x. Non-numbers compare with a param's text form (`true`, `null`, `"adam"`).
 */
export function filterSql(expr: FilterExpr, style: MemberStyle, drive?: FilterExpr): RawBuilder<boolean> {
  // The driving predicate (driving.ts) as an id list the database starts from; the rest probe.
  if (expr === drive) return drivingSql(expr);
  switch (expr.type) {
    case 'and':
      return sql<boolean>`(${filterSql(expr.left, style, drive)} and ${filterSql(expr.right, style, drive)})`;
    case 'or':
      return sql<boolean>`(${filterSql(expr.left, style, drive)} or ${filterSql(expr.right, style, drive)})`;
    case 'not':
      return sql<boolean>`(not ${filterSql(expr.expr, style, drive)})`;
    case 'present':
      return present(expr.field, style);
    case 'compare':
      return compare(expr.field, expr.op, expr.value, expr.span, style);
    case 'in': {
      if (expr.values.length === 0) return FALSE;
      const one = memberIn(expr.field, expr.values, style);
      if (one) return one;
      const parts = expr.values.map((v) => compare(expr.field, '=', v, expr.span, style));
      return sql<boolean>`(${sql.join(parts, sql` or `)})`;
    }
  }
}

/**
 * A driving term's id list. `name ~ "text"` (3+ characters) reads its candidates from the
 * trigram index (SQLite's run_name_trigrams: only driving.ts asks it) and keeps its LIKE, so the
 * answer is exactly the scan's: the index may find a name that differs in non-ASCII case only.
 */
function drivingSql(expr: FilterExpr): RawBuilder<boolean> {
  const phrase = nameSearchTerm(expr);
  if (phrase === undefined) return filterSql(expr, 'in');
  return sql<boolean>`(r.id in (${nameSearchIds(phrase)}) and ${filterSql(expr, 'in')})`;
}

/**
 * `params.x in (a, b)` / `tags.x in (a, b)` as one probe with a value list (the same answers as
 * the `=` comparisons or-ed: numbers against the number column, the rest against the text), so a
 * run is looked up once per list, not once per value. Undefined: the field has no such form.
 */
function memberIn(field: RunField, values: FilterValue[], style: MemberStyle): RawBuilder<boolean> | undefined {
  if (field.kind === 'tag') return member(style, 'run_tags', field.key, sql`value in (${sql.join(values.map(String))})`);
  if (field.kind !== 'param') return undefined;
  const nums = values.filter((v): v is number => typeof v === 'number');
  const texts = values.filter((v) => typeof v !== 'number').map(String);
  const conds = [...(nums.length > 0 ? [sql`num_value in (${sql.join(nums)})`] : []), ...(texts.length > 0 ? [sql`text_value in (${sql.join(texts)})`] : [])];
  return member(style, 'run_param_values', field.key, conds.length === 1 ? conds[0] : sql`(${sql.join(conds, sql` or `)})`);
}

function present(field: RunField, style: MemberStyle): RawBuilder<boolean> {
  switch (field.kind) {
    case 'attr': {
      const c = ATTR_COLUMNS[field.attr];
      return c.nullable ? sql<boolean>`${c.column} is not null` : TRUE;
    }
    case 'param':
      return member(style, 'run_param_values', field.key);
    case 'metric':
      return member(style, 'run_metrics', field.key);
    case 'tag':
      return member(style, 'run_tags', field.key);
  }
}

const OP_SQL: Record<Exclude<CompareOp, '~'>, RawBuilder<unknown>> = {
  '=': sql.raw('='),
  '!=': sql.raw('<>'),
  '<': sql.raw('<'),
  '<=': sql.raw('<='),
  '>': sql.raw('>'),
  '>=': sql.raw('>='),
};

function compare(field: RunField, op: CompareOp, value: FilterValue, span: Span, style: MemberStyle): RawBuilder<boolean> {
  switch (field.kind) {
    case 'attr':
      return compareAttr(field.attr, op, value, span, style);
    case 'metric': {
      if (typeof value !== 'number' || op === '~') throw new FilterMeaningError('metrics compare with numbers', span);
      const column = sql.ref(`${field.agg}_value`);
      return member(style, 'run_metrics', field.key, sql`${column} ${OP_SQL[op]} ${value}`);
    }
    case 'param': {
      if (op === '~') return member(style, 'run_param_values', field.key, sql`lower(text_value) like ${containsPattern(String(value))} escape '\\'`);
      if (typeof value === 'number') return member(style, 'run_param_values', field.key, sql`num_value ${OP_SQL[op]} ${value}`);
      return member(style, 'run_param_values', field.key, sql`text_value ${OP_SQL[op]} ${String(value)}`);
    }
    case 'tag': {
      if (op === '~') return member(style, 'run_tags', field.key, sql`lower(value) like ${containsPattern(String(value))} escape '\\'`);
      return member(style, 'run_tags', field.key, sql`value ${OP_SQL[op]} ${String(value)}`);
    }
  }
}

function compareAttr(attr: keyof typeof ATTR_COLUMNS, op: CompareOp, value: FilterValue, span: Span, style: MemberStyle): RawBuilder<boolean> {
  const c = ATTR_COLUMNS[attr];
  if (value === null) {
    if (op === '=') return c.nullable ? sql<boolean>`${c.column} is null` : FALSE;
    if (op === '!=') return present({ kind: 'attr', attr }, style);
    throw new FilterMeaningError(`${attr} compares with null only by = or !=`, span);
  }
  // A NULL column makes every comparison false (not unknown), so `not` stays plain negation.
  const guard = (cond: RawBuilder<boolean>) => (c.nullable ? sql<boolean>`(${c.column} is not null and ${cond})` : cond);
  if (op === '~') {
    if (c.numeric) throw new FilterMeaningError(`${attr} is a time; "~" (contains) is for text`, span);
    return guard(sql<boolean>`lower(${c.column}) like ${containsPattern(String(value))} escape '\\'`);
  }
  if (c.numeric) {
    if (typeof value !== 'number') throw new FilterMeaningError(`${attr} compares with a date or milliseconds`, span);
    const bound = integerBound(op, value);
    if (bound === 'none') return FALSE;
    if (bound === 'all') return present({ kind: 'attr', attr }, style);
    return guard(sql<boolean>`${c.column} ${OP_SQL[bound.op as keyof typeof OP_SQL]} ${bound.value}`);
  }
  return guard(sql<boolean>`${c.column} ${OP_SQL[op]} ${String(value)}`);
}
