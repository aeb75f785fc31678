import { MAX_LIKE_PATTERN_CHARS } from './like';
import { Scanner, type RawIdentifier } from './scanner';
import { attributeNames, DATASET_KEYS, ENTITY_PREFIXES, type EntityType, type SearchSchema } from './schema';

/**
 * MLflow's search filter: comparisons joined by AND, e.g.
 *   metrics.acc >= 0.9 AND params.optimizer = 'adam' AND tags."data set" LIKE 'mnist%'
 *   AND attributes.status = 'FINISHED' AND attributes.run_id IN ('a1', 'b2')
 * Parsed into clauses the evaluator can apply; every mistake is a SearchSyntaxError naming
 * what was wrong and where.
 */

export type NumericOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type StringOp = '=' | '!=' | 'LIKE' | 'ILIKE';
export type ListOp = 'IN' | 'NOT IN';

export type Clause =
  | { kind: 'number'; entity: 'metric' | 'attribute'; key: string; op: NumericOp; value: number }
  | { kind: 'string'; entity: 'param' | 'tag' | 'attribute' | 'dataset'; key: string; op: StringOp; value: string }
  | { kind: 'list'; entity: 'attribute' | 'dataset'; key: string; op: ListOp; values: string[] };

const SYMBOLS = ['!=', '<>', '<=', '>=', '=', '<', '>'] as const;
const NUMERIC_OPS: readonly string[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_OPS: readonly string[] = ['=', '!=', 'LIKE', 'ILIKE'];

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** The typed identifier: which entity, which (canonical) key. */
export interface Identifier {
  entity: EntityType;
  key: string;
  /** Set for attributes. */
  type?: 'number' | 'string';
  list?: boolean;
}

/** Resolves `metrics.x` / `status` against the schema; `purpose` picks filterable or orderable. */
export function resolveIdentifier(raw: RawIdentifier, schema: SearchSchema, scanner: Scanner, purpose: 'filter' | 'order'): Identifier {
  const entity: EntityType | undefined = raw.entity === undefined ? 'attribute' : ENTITY_PREFIXES[raw.entity];
  if (!entity || !schema.entities.has(entity)) {
    const allowed = Object.entries(ENTITY_PREFIXES).filter(([, e]) => schema.entities.has(e)).map(([p]) => p);
    scanner.fail(`'${raw.entity}' is not an entity type ${withArticle(schema.noun)} search knows (use ${allowed.join(', ')})`, raw.start);
  }
  if (entity === 'dataset') {
    if (purpose === 'order') scanner.fail(`runs cannot be ordered by datasets.${raw.key}`, raw.start);
    if (!DATASET_KEYS.includes(raw.key)) scanner.fail(`'${raw.key}' is not a dataset field one can filter by (use ${DATASET_KEYS.join(', ')})`, raw.start);
    return { entity, key: raw.key, type: 'string', list: true };
  }
  if (entity !== 'attribute') return { entity, key: raw.key };
  const spec = schema.attributes[raw.key];
  if (!spec || (purpose === 'filter' && !spec.filterable)) {
    scanner.fail(`'${raw.key}' is not ${withArticle(schema.noun)} attribute one can ${purpose === 'filter' ? 'filter' : 'order'} by (use ${attributeNames(schema, purpose === 'filter')})`, raw.start);
  }
  return { entity, key: spec.key, type: spec.type, list: spec.list };
}

export function parseFilter(filter: string | undefined, schema: SearchSchema): Clause[] {
  const s = new Scanner(filter ?? '');
  const clauses: Clause[] = [];
  if (s.atEnd()) return clauses;
  for (;;) {
    clauses.push(comparison(s, schema));
    if (s.atEnd()) return clauses;
    if (!s.keyword('AND')) {
      const at = s.pos;
      if (s.keyword('OR')) s.fail("'OR' is not supported: MLflow filters join comparisons with AND only", at);
      s.fail(`expected AND between comparisons, found ${s.describeNext()}`);
    }
  }
}

function comparison(s: Scanner, schema: SearchSchema): Clause {
  const raw = s.identifier();
  const id = resolveIdentifier(raw, schema, s, 'filter');
  const name = raw.entity === undefined ? raw.key : `${raw.entity}.${raw.key}`;
  s.skipSpace();
  const opAt = s.pos;
  const op = operator(s);
  if (op === '<>') s.fail("use '!=' instead of '<>'", opAt);
  const value = s.literal();

  if (id.entity === 'metric' || (id.entity === 'attribute' && id.type === 'number')) {
    if (!NUMERIC_OPS.includes(op)) s.fail(`'${op}' cannot compare the number ${name} (use ${NUMERIC_OPS.join(', ')})`, opAt);
    if (value.kind !== 'number') s.fail(`${name} is a number: compare it with a number, not ${value.kind === 'string' ? `'${value.value}'` : 'a list'}`, value.start);
    return { kind: 'number', entity: id.entity, key: id.key, op: op as NumericOp, value: value.value };
  }
  if (op === 'IN' || op === 'NOT IN') {
    if (!id.list) s.fail(`'${op}' works only on attributes.run_id and datasets.*, not on ${name}`, opAt);
    if (value.kind !== 'list') s.fail(`'${op}' needs a parenthesized list of quoted strings, e.g. ('a', 'b')`, value.start);
    return { kind: 'list', entity: id.entity === 'dataset' ? 'dataset' : 'attribute', key: id.key, op, values: value.values };
  }
  if (!STRING_OPS.includes(op)) s.fail(`'${op}' cannot compare the string ${name} (use ${STRING_OPS.join(', ')})`, opAt);
  if (value.kind !== 'string') {
    s.fail(`${name} is a string: quote the value, e.g. ${name} ${op} '${value.kind === 'number' ? value.text : 'value'}'`, value.start);
  }
  if ((op === 'LIKE' || op === 'ILIKE') && [...value.value].length > MAX_LIKE_PATTERN_CHARS) {
    s.fail(`the ${op} pattern is ${[...value.value].length.toLocaleString('en-US')} characters long; the limit is ${MAX_LIKE_PATTERN_CHARS.toLocaleString('en-US')}`, value.start);
  }
  const entity = id.entity as 'param' | 'tag' | 'attribute' | 'dataset';
  return { kind: 'string', entity, key: id.key, op: op as StringOp, value: value.value };
}

function operator(s: Scanner): string {
  const sym = s.symbol(SYMBOLS);
  if (sym) return sym;
  for (const word of ['LIKE', 'ILIKE', 'IN']) if (s.keyword(word)) return word;
  const at = s.pos;
  if (s.keyword('NOT')) {
    if (s.keyword('IN')) return 'NOT IN';
    s.fail("only 'NOT IN' is supported after NOT", at);
  }
  return s.fail(`expected a comparison (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN), found ${s.describeNext()}`);
}
