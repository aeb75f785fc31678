import { sql, type RawBuilder } from 'kysely';
import type { CompareOp, FilterExpr, FilterValue, RunField, Span } from '@/lib/track/run-filter';
import { ATTR_COLUMNS, containsPattern, integerBound } from './columns';

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
const FALSE = sql<boolean>`1 = 0`;

/**
 * The filter as a WHERE condition over `runs r`, parameterized throughout. Params, metrics and
 * tags become `r.id IN (subquery)` on the denormalized tables' (key, value, run_id) indexes, so
 * the database can drive a query from the most selective predicate. A comparison with a key the
 * run lacks is false (also `!=`); `not` is plain negation, so `not params.x = 1` matches runs
 * without x. Non-numbers compare with a param's text form (`true`, `null`, `"adam"`).
 */
export function filterSql(expr: FilterExpr): RawBuilder<boolean> {
  switch (expr.type) {
    case 'and':
      return sql<boolean>`(${filterSql(expr.left)} and ${filterSql(expr.right)})`;
    case 'or':
      return sql<boolean>`(${filterSql(expr.left)} or ${filterSql(expr.right)})`;
    case 'not':
      return sql<boolean>`(not ${filterSql(expr.expr)})`;
    case 'present':
      return present(expr.field);
    case 'compare':
      return compare(expr.field, expr.op, expr.value, expr.span);
    case 'in': {
      if (expr.values.length === 0) return FALSE;
      const parts = expr.values.map((v) => compare(expr.field, '=', v, expr.span));
      return sql<boolean>`(${sql.join(parts, sql` or `)})`;
    }
  }
}

function present(field: RunField): RawBuilder<boolean> {
  switch (field.kind) {
    case 'attr': {
      const c = ATTR_COLUMNS[field.attr];
      return c.nullable ? sql<boolean>`${c.column} is not null` : TRUE;
    }
    case 'param':
      return sql<boolean>`r.id in (select run_id from run_param_values where key = ${field.key})`;
    case 'metric':
      return sql<boolean>`r.id in (select run_id from run_metrics where key = ${field.key})`;
    case 'tag':
      return sql<boolean>`r.id in (select run_id from run_tags where key = ${field.key})`;
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

function compare(field: RunField, op: CompareOp, value: FilterValue, span: Span): RawBuilder<boolean> {
  switch (field.kind) {
    case 'attr':
      return compareAttr(field.attr, op, value, span);
    case 'metric': {
      if (typeof value !== 'number' || op === '~') throw new FilterMeaningError('metrics compare with numbers', span);
      const column = sql.ref(`${field.agg}_value`);
      return sql<boolean>`r.id in (select run_id from run_metrics where key = ${field.key} and ${column} ${OP_SQL[op]} ${value})`;
    }
    case 'param': {
      if (op === '~') return sql<boolean>`r.id in (select run_id from run_param_values where key = ${field.key} and lower(text_value) like ${containsPattern(String(value))} escape '\\')`;
      if (typeof value === 'number') return sql<boolean>`r.id in (select run_id from run_param_values where key = ${field.key} and num_value ${OP_SQL[op]} ${value})`;
      return sql<boolean>`r.id in (select run_id from run_param_values where key = ${field.key} and text_value ${OP_SQL[op]} ${String(value)})`;
    }
    case 'tag': {
      if (op === '~') return sql<boolean>`r.id in (select run_id from run_tags where key = ${field.key} and lower(value) like ${containsPattern(String(value))} escape '\\')`;
      return sql<boolean>`r.id in (select run_id from run_tags where key = ${field.key} and value ${OP_SQL[op]} ${String(value)})`;
    }
  }
}

function compareAttr(attr: keyof typeof ATTR_COLUMNS, op: CompareOp, value: FilterValue, span: Span): RawBuilder<boolean> {
  const c = ATTR_COLUMNS[attr];
  if (value === null) {
    if (op === '=') return c.nullable ? sql<boolean>`${c.column} is null` : FALSE;
    if (op === '!=') return present({ kind: 'attr', attr });
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
    if (bound === 'all') return present({ kind: 'attr', attr });
    return guard(sql<boolean>`${c.column} ${OP_SQL[bound.op as keyof typeof OP_SQL]} ${bound.value}`);
  }
  return guard(sql<boolean>`${c.column} ${OP_SQL[op]} ${String(value)}`);
}
