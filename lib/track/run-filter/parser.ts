import type { CompareOp, FilterExpr, FilterValue, RunField, Span } from './ast';
import { fieldOf, TIME_ATTRS } from './fields';
import { FilterSyntaxError, tokenize, type Token } from './lexer';

/** Limits that keep one filter's parse, SQL and parameters small. */
export const RUN_FILTER_LIMITS = {
  /** Characters of filter text. */
  maxChars: 4096,
  /** Comparisons (each becomes one subquery). */
  maxPredicates: 64,
  /** Values inside one `in (…)`. */
  maxInValues: 500,
  /** Parentheses and `not`s nested. */
  maxDepth: 32,
} as const;

export interface RunFilterError {
  message: string;
  /** UTF-16 offset into the filter text; offset + length ≤ text length. */
  offset: number;
  length: number;
}

export type RunFilterParse = { ok: true; ast: FilterExpr | null } | { ok: false; error: RunFilterError };

/** Parses filter text; an empty filter is `ast: null` (every run). Never throws. */
export function parseRunFilter(text: string): RunFilterParse {
  if (text.length > RUN_FILTER_LIMITS.maxChars) {
    return { ok: false, error: { message: `filter is ${text.length} characters; the limit is ${RUN_FILTER_LIMITS.maxChars}`, offset: RUN_FILTER_LIMITS.maxChars, length: text.length - RUN_FILTER_LIMITS.maxChars } };
  }
  try {
    const parser = new Parser(tokenize(text));
    if (parser.peek().type === 'end') return { ok: true, ast: null };
    const ast = parser.expression(0);
    const rest = parser.peek();
    if (rest.type !== 'end') throw new FilterSyntaxError(`expected "and", "or" or the end of the filter, found ${describe(rest)}`, rest.span);
    return { ok: true, ast };
  } catch (err) {
    if (err instanceof FilterSyntaxError) return { ok: false, error: { message: err.message, ...err.span } };
    throw err;
  }
}

class Parser {
  private i = 0;
  private predicates = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.type !== 'end') this.i++;
    return t;
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'path' && t.segments.length === 1 && !t.segments[0].quoted && t.segments[0].text.toLowerCase() === word;
  }

  expression(depth: number): FilterExpr {
    let left = this.conjunction(depth);
    while (this.keyword('or') || this.peek().type === '||') {
      this.next();
      left = { type: 'or', left, right: this.conjunction(depth) };
    }
    return left;
  }

  private conjunction(depth: number): FilterExpr {
    let left = this.unary(depth);
    while (this.keyword('and') || this.peek().type === '&&') {
      this.next();
      left = { type: 'and', left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): FilterExpr {
    if (depth >= RUN_FILTER_LIMITS.maxDepth) throw new FilterSyntaxError(`nested more than ${RUN_FILTER_LIMITS.maxDepth} levels deep`, this.peek().span);
    if (this.keyword('not')) {
      this.next();
      return { type: 'not', expr: this.unary(depth + 1) };
    }
    const t = this.peek();
    if (t.type === '(') {
      this.next();
      const inner = this.expression(depth + 1);
      const close = this.next();
      if (close.type !== ')') throw new FilterSyntaxError(`expected ")" to close the "(" at ${t.span.offset}, found ${describe(close)}`, close.span);
      return inner;
    }
    return this.predicate();
  }

  private predicate(): FilterExpr {
    const t = this.next();
    if (t.type !== 'path' || isKeyword(t)) throw new FilterSyntaxError(`expected a field (name, status, params.<key>, metrics.<key>, tags.<key>, …), found ${describe(t)}`, t.span);
    if (++this.predicates > RUN_FILTER_LIMITS.maxPredicates) throw new FilterSyntaxError(`more than ${RUN_FILTER_LIMITS.maxPredicates} comparisons; the limit is ${RUN_FILTER_LIMITS.maxPredicates}`, t.span);
    const field = fieldOf(t);
    const op = this.peek();
    if (op.type === 'op') {
      this.next();
      const value = this.value(field, op.value);
      return { type: 'compare', field, op: op.value, value: value.value, span: join(t.span, value.span) };
    }
    const negated = this.keyword('not');
    if (negated) this.next();
    if (this.keyword('in')) {
      this.next();
      const expr = this.inList(field, t.span);
      return negated ? { type: 'not', expr } : expr;
    }
    if (negated) throw new FilterSyntaxError('expected "in" after "not"', this.peek().span);
    return { type: 'present', field, span: t.span };
  }

  private inList(field: RunField, start: Span): FilterExpr {
    const open = this.next();
    if (open.type !== '(') throw new FilterSyntaxError(`expected "(" after "in", found ${describe(open)}`, open.span);
    const values: FilterValue[] = [];
    for (;;) {
      const value = this.value(field, '=');
      values.push(value.value);
      if (values.length > RUN_FILTER_LIMITS.maxInValues) throw new FilterSyntaxError(`more than ${RUN_FILTER_LIMITS.maxInValues} values in "in (…)"`, value.span);
      const sep = this.next();
      if (sep.type === ')') return { type: 'in', field, values, span: join(start, sep.span) };
      if (sep.type !== ',') throw new FilterSyntaxError(`expected "," or ")" in the list, found ${describe(sep)}`, sep.span);
    }
  }

  /** A literal; bare words are strings (`status = finished`), strings on a time field are dates. */
  private value(field: RunField, op: CompareOp): { value: FilterValue; span: Span } {
    const t = this.next();
    let value: FilterValue;
    if (t.type === 'number') value = t.value;
    else if (t.type === 'string') value = t.value;
    else if (t.type === 'path' && t.segments.length === 1 && !t.segments[0].quoted && ['true', 'false', 'null'].includes(t.segments[0].text.toLowerCase())) {
      const word = t.segments[0].text.toLowerCase();
      value = word === 'null' ? null : word === 'true';
    } else if (t.type === 'path' && !isKeyword(t)) value = t.text;
    else throw new FilterSyntaxError(`expected a value (a number, "text", true, false or null), found ${describe(t)}`, t.span);

    if (op === '~' && typeof value !== 'string') throw new FilterSyntaxError('"~" (contains) takes text, e.g. name ~ "resnet"', t.span);
    if (field.kind === 'metric' && typeof value !== 'number') throw new FilterSyntaxError(`metrics compare with numbers; ${JSON.stringify(value)} is not one`, t.span);
    if (field.kind === 'attr' && TIME_ATTRS.has(field.attr) && typeof value === 'string') {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) throw new FilterSyntaxError(`${field.attr} compares with a date ("2025-01-31") or milliseconds; "${value}" is neither`, t.span);
      value = ms;
    }
    return { value, span: t.span };
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in']);

function isKeyword(t: Extract<Token, { type: 'path' }>): boolean {
  return t.segments.length === 1 && !t.segments[0].quoted && KEYWORDS.has(t.segments[0].text.toLowerCase());
}

function describe(t: Token): string {
  switch (t.type) {
    case 'end':
      return 'the end of the filter';
    case 'path':
      return `"${t.text}"`;
    case 'string':
      return `the text ${JSON.stringify(t.value)}`;
    case 'number':
      return `the number ${t.value}`;
    case 'op':
      return `"${t.value}"`;
    default:
      return `"${t.type}"`;
  }
}

function join(a: Span, b: Span): Span {
  return { offset: a.offset, length: b.offset + b.length - a.offset };
}
