import type { Span } from './ast';

/**
 * Tokens of the run filter language. A path is a field or a bare word (`params.lr`,
 * `metrics.val/accuracy.min`, ``tags.`my tag` ``): its dot-separated segments, each either bare
 * (letters, digits, `_ / -`) or in backquotes (anything; a doubled backquote is one backquote).
 */
export type Token =
  | { type: 'path'; segments: PathSegment[]; text: string; span: Span }
  | { type: 'string'; value: string; span: Span }
  | { type: 'number'; value: number; span: Span }
  | { type: 'op'; value: '=' | '!=' | '<' | '<=' | '>' | '>=' | '~'; span: Span }
  | { type: '(' | ')' | ',' | '&&' | '||' | 'end'; span: Span };

export interface PathSegment {
  text: string;
  /** Written in backquotes: never a keyword, never an aggregate (`min`). */
  quoted: boolean;
}

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const BARE = /[A-Za-z0-9_/-]/;
const BARE_START = /[A-Za-z_]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const OPS = ['!=', '<>', '<=', '>=', '==', '=', '<', '>', '~', '&&', '||'] as const;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, span: { offset: i, length: 1 } });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const { value, end } = readString(text, i);
      tokens.push({ type: 'string', value, span: { offset: i, length: end - i } });
      i = end;
      continue;
    }
    const number = /[0-9.+-]/.test(c) ? NUMBER.exec(text.slice(i, i + 400)) : null;
    if (number && !BARE_START.test(text[i + number[0].length] ?? '')) {
      tokens.push({ type: 'number', value: Number(number[0]), span: { offset: i, length: number[0].length } });
      i += number[0].length;
      continue;
    }
    if (BARE_START.test(c) || c === '`') {
      const end = readPath(text, i);
      tokens.push({ type: 'path', ...end.path, span: { offset: i, length: end.end - i } });
      i = end.end;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      const span = { offset: i, length: op.length };
      if (op === '&&' || op === '||') tokens.push({ type: op, span });
      else tokens.push({ type: 'op', value: op === '<>' ? '!=' : op === '==' ? '=' : op, span });
      i += op.length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character ${JSON.stringify(c)}`, { offset: i, length: 1 });
  }
  tokens.push({ type: 'end', span: { offset: text.length, length: 0 } });
  return tokens;
}

function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw new FilterSyntaxError(`string has no closing ${quote}`, { offset: start, length: text.length - start });
}

export function readPath(text: string, start: number): { path: { segments: PathSegment[]; text: string }; end: number } {
  const segments: PathSegment[] = [];
  let i = start;
  for (;;) {
    if (text[i] === '`') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FilterSyntaxError('backquoted key has no closing `', { offset: i, length: text.length - i });
        if (text[j] === '`') {
          if (text[j + 1] === '`') {
            value += '`';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      segments.push({ text: value, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && BARE.test(text[j])) j++;
      if (j === i) throw new FilterSyntaxError('expected a key after "."', { offset: i, length: Math.min(1, text.length - i) });
      segments.push({ text: text.slice(i, j), quoted: false });
      i = j;
    }
    if (text[i] !== '.') break;
    i++;
  }
  return { path: { segments, text: text.slice(start, i) }, end: i };
}
