import type { Clause, NumericOp } from './filter';
import { compareOrdered } from '@/lib/track/run-filter/evaluate';
import { compileLike, type LikeMatcher } from './like';

/**
 * Applies parsed filter clauses to one searched thing (a run or an experiment). Pure, and the
 * same on SQLite and PostgreSQL because it never goes through either database's LIKE or
 * collation. Semantics follow MLflow's SQL store:
 *  - a run without the metric, param or tag never matches a clause on it (not even `!=`);
 *  - metrics compare the latest value (the point with the greatest step, then timestamp);
 *  - LIKE is case-sensitive, ILIKE is not; `%` is any run of characters, `_` one character;
 *  - a missing attribute (end_time of a running run) matches nothing.
 */
export interface Searchable {
  attributes: ReadonlyMap<string, string | number | null>;
  metrics: ReadonlyMap<string, number>;
  params: ReadonlyMap<string, string>;
  tags: ReadonlyMap<string, string>;
  /** A run's logged inputs (name, digest, context); a `datasets.` clause holds when any one matches it. */
  datasets?: ReadonlyArray<ReadonlyMap<string, string>>;
}

export function matchesAll(clauses: readonly Clause[], item: Searchable): boolean {
  return clauses.every((c) => matches(c, item));
}

export function matches(clause: Clause, item: Searchable): boolean {
  switch (clause.kind) {
    case 'number': {
      const v = clause.entity === 'metric' ? item.metrics.get(clause.key) : item.attributes.get(clause.key);
      return typeof v === 'number' && compareNumber(v, clause.op, clause.value);
    }
    case 'string':
    case 'list': {
      if (clause.entity === 'dataset') return (item.datasets ?? []).some((d) => stringMatches(clause, d.get(clause.key)));
      const source = clause.entity === 'param' ? item.params : clause.entity === 'tag' ? item.tags : item.attributes;
      return stringMatches(clause, source.get(clause.key));
    }
  }
}

function stringMatches(clause: Clause & { kind: 'string' | 'list' }, v: string | number | null | undefined): boolean {
  if (typeof v !== 'string') return false;
  switch (clause.kind) {
    case 'list':
      return clause.op === 'IN' ? clause.values.includes(v) : !clause.values.includes(v);
    case 'string': {
      switch (clause.op) {
        case '=':
          return v === clause.value;
        case '!=':
          return v !== clause.value;
        case 'LIKE':
        case 'ILIKE':
          return likeOf(clause).test(v);
      }
      return false;
    }
  }
}

/** NaN compares false except for `!=`, as in Python (MLflow's own evaluator): JS comparison gives exactly that. */
const compareNumber = (a: number, op: NumericOp, b: number): boolean => compareOrdered(a, op, b);

/** One matcher per parsed clause: a search compiles each pattern once, not once per run. */
const matchers = new WeakMap<Clause, LikeMatcher>();

function likeOf(clause: Clause & { kind: 'string' }): LikeMatcher {
  let m = matchers.get(clause);
  if (!m) matchers.set(clause, (m = compileLike(clause.value, clause.op === 'ILIKE')));
  return m;
}
