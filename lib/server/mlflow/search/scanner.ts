/**
 * A character scanner for MLflow's search grammar (a small subset of SQL), shared by the filter
 * and order_by parsers. Pure: no I/O. Positions are 0-based character offsets into the text;
 * error messages quote them 1-based ("at character 12") so a user can count to the mistake.
 */

export class SearchSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset into the searched text. */
    readonly position: number,
  ) {
    super(message);
  }
}

/** `metrics.rmse` → { entity: 'metrics', key: 'rmse' }; a bare `status` has no entity. */
export interface RawIdentifier {
  entity?: string;
  key: string;
  start: number;
}

export type Literal =
  | { kind: 'number'; value: number; text: string; start: number }
  | { kind: 'string'; value: string; start: number }
  | { kind: 'list'; values: string[]; start: number };

const WORD_START = /[A-Za-z_]/;
const WORD = /[A-Za-z0-9_]/;
/** An unquoted key may contain dots (`params.optimizer.lr` has key `optimizer.lr`), as in MLflow. */
const BARE_KEY = /[A-Za-z0-9_.]/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

export class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  fail(message: string, at = this.pos): never {
    throw new SearchSyntaxError(`${message} at character ${at + 1}`, at);
  }

  /** What comes next, for error messages: the next word or character, or "the end". */
  describeNext(): string {
    this.skipSpace();
    if (this.pos >= this.text.length) return 'the end of the text';
    const word = /^\S+/.exec(this.text.slice(this.pos))?.[0] ?? this.text[this.pos];
    return `'${word.length > 20 ? `${word.slice(0, 20)}…` : word}'`;
  }

  /** Consumes `word` (case-insensitive) when it stands alone, e.g. AND, LIKE, DESC. */
  keyword(word: string): boolean {
    this.skipSpace();
    const end = this.pos + word.length;
    if (this.text.slice(this.pos, end).toUpperCase() !== word) return false;
    if (end < this.text.length && WORD.test(this.text[end])) return false;
    this.pos = end;
    return true;
  }

  /** One of the given symbols, longest first (pass `<=` before `<`). */
  symbol(symbols: readonly string[]): string | undefined {
    this.skipSpace();
    const hit = symbols.find((s) => this.text.startsWith(s, this.pos));
    if (hit) this.pos += hit.length;
    return hit;
  }

  identifier(): RawIdentifier {
    this.skipSpace();
    const start = this.pos;
    const head = this.text[this.pos] === '`' ? this.quoted('`') : this.word();
    if (head === undefined) this.fail(`expected an identifier such as metrics.loss or params."model class", found ${this.describeNext()}`);
    if (this.text[this.pos] !== '.') return { key: head, start };
    this.pos++; // the dot
    const c = this.text[this.pos];
    const key = c === '`' || c === '"' || c === "'" ? this.quoted(c) : this.bareKey();
    if (key === undefined || key === '') this.fail(`expected a key after '${head}.'`);
    return { entity: head, key, start };
  }

  literal(): Literal {
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === "'" || c === '"') return { kind: 'string', value: this.quoted(c), start };
    if (c === '(') return { kind: 'list', values: this.list(), start };
    const m = NUMBER.exec(this.text.slice(this.pos));
    if (m && !WORD.test(this.text[this.pos + m[0].length] ?? '')) {
      this.pos += m[0].length;
      return { kind: 'number', value: Number(m[0]), text: m[0], start };
    }
    return this.fail(`expected a value (a number, a 'quoted string' or a ('list', 'of', 'strings')), found ${this.describeNext()}`);
  }

  private word(): string | undefined {
    if (!WORD_START.test(this.text[this.pos] ?? '')) return undefined;
    const start = this.pos;
    while (this.pos < this.text.length && WORD.test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private bareKey(): string {
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A quoted run of text; a doubled quote inside stands for one quote (SQL style). */
  private quoted(quote: string): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const end = this.text.indexOf(quote, this.pos);
      if (end < 0) this.fail(`unterminated ${quote} quote`, start);
      out += this.text.slice(this.pos, end);
      this.pos = end + 1;
      if (this.text[this.pos] !== quote) return out;
      out += quote;
      this.pos++;
    }
  }

  private list(): string[] {
    this.pos++; // (
    const values: string[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c !== "'" && c !== '"') this.fail(`expected a quoted string in the list, found ${this.describeNext()}`);
      values.push(this.quoted(c));
      const sep = this.symbol([',', ')']);
      if (sep === ')') return values;
      if (sep === undefined) this.fail(`expected ',' or ')' in the list, found ${this.describeNext()}`);
    }
  }
}
