import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { parseRunFilter, parseRunSort, type FilterExpr, type RunField, type RunFilterError, type RunSortKey } from '@/lib/track/run-filter';
import { HttpError } from '../http/errors';
import { filterSql, FilterMeaningError, type MemberStyle } from './filter-sql';
import type { DbDialect } from '../db/connect';

/** A query's text, checked and compiled: the WHERE condition and the sort keys. */
export interface RunQueryPlan {
  where: RawBuilder<boolean>;
  keys: RunSortKey[];
  /** Identifies filter + sort + includeDeleted inside a cursor. */
  hash: string;
  dialect: DbDialect;
  /** The parsed filter (null: none), and the WHERE condition with one of its predicates driving (driving.ts). */
  ast: FilterExpr | null;
  whereDrivenBy(drive: FilterExpr): RawBuilder<boolean>;
}

export const DEFAULT_SORT: RunSortKey[] = [{ field: { kind: 'attr', attr: 'createdAt' }, desc: true }];

/** A 400 bad_filter naming the query parameter and where in its text. */
export function badFilter(field: 'filter' | 'sort' | 'by' | 'columns', error: RunFilterError): HttpError {
  return new HttpError(400, 'bad_filter', `${field}: ${error.message} (at ${error.offset})`, field, { offset: error.offset, length: error.length });
}

/** The WHERE condition of a filter (and of soft delete), or a 400 pointing into the text. */
export function whereOf(filter: string | undefined, includeDeleted: boolean, dialect: DbDialect): RawBuilder<boolean> {
  return whereSql(parsedFilter(filter), includeDeleted, dialect);
}

function parsedFilter(filter: string | undefined): FilterExpr | null {
  const parsed = parseRunFilter(filter ?? '');
  if (!parsed.ok) throw badFilter('filter', parsed.error);
  return parsed.ast;
}

function whereSql(ast: FilterExpr | null, includeDeleted: boolean, dialect: DbDialect, drive?: FilterExpr): RawBuilder<boolean> {
  const visible = includeDeleted ? sql<boolean>`1 = 1` : sql<boolean>`r.deleted_at is null`;
  if (ast === null) return visible;
  try {
    return sql<boolean>`${visible} and ${filterSql(ast, memberStyle(dialect), drive)}`;
  } catch (err) {
    if (err instanceof FilterMeaningError) throw badFilter('filter', { message: err.message, ...err.span });
    throw err;
  }
}

/** See MemberStyle: SQLite probes per run, PostgreSQL semi-joins. */
const memberStyle = (dialect: DbDialect): MemberStyle => (dialect === 'sqlite' ? 'exists' : 'in');

export function planRunQuery(q: { filter?: string; sort?: string; includeDeleted: boolean }, dialect: DbDialect): RunQueryPlan {
  const ast = parsedFilter(q.filter);
  const where = whereSql(ast, q.includeDeleted, dialect);
  const sort = parseRunSort(q.sort ?? '');
  if (!sort.ok) throw badFilter('sort', sort.error);
  const keys = sort.keys.length > 0 ? sort.keys : DEFAULT_SORT;
  const hash = createHash('sha256').update(JSON.stringify([q.filter ?? '', q.sort ?? '', q.includeDeleted])).digest('base64url').slice(0, 16);
  return { where, keys, hash, dialect, ast, whereDrivenBy: (drive) => whereSql(ast, q.includeDeleted, dialect, drive) };
}

/** Fields named by `columns` (each in the language's syntax), or a 400 naming the bad one. */
export function columnFields(columns: readonly string[]): RunField[] {
  return columns.map((text) => {
    const parsed = parseRunSort(text);
    if (!parsed.ok) throw badFilter('columns', { message: `"${text}": ${parsed.error.message}`, offset: 0, length: 0 });
    if (parsed.keys.length !== 1 || parsed.keys[0].desc) throw badFilter('columns', { message: `"${text}" is not one field`, offset: 0, length: 0 });
    return parsed.keys[0].field;
  });
}
