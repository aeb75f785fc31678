/**
 * The run filter language as data (parse → AST; the SQL compiler and the in-memory evaluator both
 * walk it). Every node keeps the span of the text it came from, so a later error (an unknown
 * field, a type that cannot compare) still points at the token.
 */

/** Where a node came from in the filter text: UTF-16 offset and length. */
export interface Span {
  offset: number;
  length: number;
}

/** Columns of the run itself (`state` is an alias of `status`, `project` of `projectId`). */
export const RUN_ATTRS = ['id', 'name', 'status', 'createdAt', 'updatedAt', 'finishedAt', 'owner', 'sweepId', 'projectId', 'notes', 'deletedAt'] as const;
export type RunAttr = (typeof RUN_ATTRS)[number];

export const METRIC_AGGS = ['last', 'min', 'max'] as const;
export type MetricAgg = (typeof METRIC_AGGS)[number];

export type RunField =
  | { kind: 'attr'; attr: RunAttr }
  | { kind: 'param'; key: string }
  | { kind: 'metric'; key: string; agg: MetricAgg }
  | { kind: 'tag'; key: string };

export type FilterValue = string | number | boolean | null;

export const COMPARE_OPS = ['=', '!=', '<', '<=', '>', '>=', '~'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export type FilterExpr =
  | { type: 'compare'; field: RunField; op: CompareOp; value: FilterValue; span: Span }
  | { type: 'in'; field: RunField; values: FilterValue[]; span: Span }
  /** A bare field: a tag is present, a param or metric is logged, an attribute is not null. */
  | { type: 'present'; field: RunField; span: Span }
  | { type: 'and'; left: FilterExpr; right: FilterExpr }
  | { type: 'or'; left: FilterExpr; right: FilterExpr }
  | { type: 'not'; expr: FilterExpr };

/** A field as the language writes it (`metrics.loss.min`, `params.lr`): sort keys and columns use it. */
export function fieldText(field: RunField): string {
  switch (field.kind) {
    case 'attr':
      return field.attr;
    case 'param':
      return `params.${quoteKey(field.key)}`;
    case 'metric':
      return `metrics.${quoteKey(field.key)}.${field.agg}`;
    case 'tag':
      return `tags.${quoteKey(field.key)}`;
  }
}

/** Dot-separated parts, none empty: `a.` and `a..b` would read back as a missing key after a dot. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_/-]*(?:\.[A-Za-z0-9_/-]+)*$/;

/** A key written bare when the lexer reads it back whole, else in backquotes (`` ` `` doubled). */
export function quoteKey(key: string): string {
  const endsInAgg = /\.(last|min|max)$/.test(key);
  return PLAIN_KEY.test(key) && !endsInAgg ? key : `\`${key.replaceAll('`', '``')}\``;
}
