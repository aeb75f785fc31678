import type { CompareOp, FilterExpr, FilterValue, RunAttr, RunField } from './ast';

/** What the evaluator reads of a run: a RunRow (lib/track/run-query.ts) or a local run shaped like one. */
export interface FilterableRun {
  id: string;
  name: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  owner: string | null;
  sweepId: string | null;
  projectId: string;
  notes?: string | null;
  deletedAt?: number | null;
  params: Record<string, string | number | boolean | null>;
  metrics: Record<string, { last: number; min: number; max: number }>;
  tags: Record<string, string>;
}

/**
 * The filter over one run in memory, with the server's semantics (run-query/filter-sql.ts) so
 * local runs filter like server runs: a comparison with a missing key or a NULL column is false
 * (`!=` too), a NaN metric compares false, numbers compare with numeric params only and every
 * other value with the param's text form, `~` is a case-insensitive "contains".
 */
export function matchesFilter(expr: FilterExpr | null, run: FilterableRun): boolean {
  if (expr === null) return true;
  switch (expr.type) {
    case 'and':
      return matchesFilter(expr.left, run) && matchesFilter(expr.right, run);
    case 'or':
      return matchesFilter(expr.left, run) || matchesFilter(expr.right, run);
    case 'not':
      return !matchesFilter(expr.expr, run);
    case 'present':
      return fieldValue(expr.field, run) !== undefined;
    case 'compare':
      return compare(expr.field, expr.op, expr.value, run);
    case 'in':
      return expr.values.some((v) => compare(expr.field, '=', v, run));
  }
}

const ATTR_READ: Record<RunAttr, (r: FilterableRun) => string | number | null | undefined> = {
  id: (r) => r.id,
  name: (r) => r.name,
  status: (r) => r.status,
  createdAt: (r) => r.createdAt,
  updatedAt: (r) => r.updatedAt,
  finishedAt: (r) => r.finishedAt,
  owner: (r) => r.owner,
  sweepId: (r) => r.sweepId,
  projectId: (r) => r.projectId,
  notes: (r) => r.notes,
  deletedAt: (r) => r.deletedAt,
};

/** The field's value; undefined when the run lacks it (missing key or NULL column). */
function fieldValue(field: RunField, run: FilterableRun): string | number | boolean | null | undefined {
  switch (field.kind) {
    case 'attr': {
      const v = ATTR_READ[field.attr](run);
      return v === null ? undefined : v;
    }
    case 'param':
      return Object.hasOwn(run.params, field.key) ? run.params[field.key] : undefined;
    case 'metric':
      return Object.hasOwn(run.metrics, field.key) ? run.metrics[field.key][field.agg] : undefined;
    case 'tag':
      return Object.hasOwn(run.tags, field.key) ? run.tags[field.key] : undefined;
  }
}

/** `a op b` for two numbers or two strings (JS order: NaN compares false except for `!=`). */
export function compareOrdered<T extends string | number>(a: T, op: Exclude<CompareOp, '~'>, b: T): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function compare(field: RunField, op: CompareOp, value: FilterValue, run: FilterableRun): boolean {
  const v = fieldValue(field, run);
  if (field.kind === 'attr' && value === null) return op === '=' ? v === undefined : op === '!=' ? v !== undefined : false;
  if (v === undefined) return false;
  const text = (x: string | number | boolean | null) => (x === null ? 'null' : String(x));
  if (op === '~') return text(v).toLowerCase().includes(text(value).toLowerCase());
  if (field.kind === 'metric') return typeof value === 'number' && typeof v === 'number' && !Number.isNaN(v) && compareOrdered(v, op, value);
  if (typeof value === 'number' && typeof v === 'number') return compareOrdered(v, op, value);
  if (field.kind === 'param' && typeof value === 'number') return false;
  return compareOrdered(text(v), op, text(value));
}
