import { CST, Lexer } from 'yaml';
import { formatCount, JSON_LIMITS, valueDepth } from '@/lib/track/json-limits';

/**
 * Limits a sweep config's text must meet before the YAML parser sees it. The `yaml` package
 * recurses once per nesting level and, at a few thousand levels, overflows the stack or runs
 * V8's regex compiler out of memory, which kills the server process; an alias bomb expands
 * exponentially. So the text is measured first with the package's own lexer (linear, no
 * recursion, exact about quotes, comments and flow vs block context), and refused with a
 * message naming the limit and pointing at where it was passed. The browser's sweep cell and
 * the server's sweep endpoint run the same check, so both show the same message.
 */

export const SWEEP_SOURCE_LIMITS = {
  /** Deepest nesting of mappings and sequences (block or flow). */
  depth: JSON_LIMITS.valueDepth,
  /** Most aliases (`*name`) in one config; also the cap on their expansion when parsing. */
  aliases: 100,
  /** Largest config text, in UTF-8 bytes (1 MiB). */
  bytes: 1_048_576,
} as const;

export interface SourceLimitError {
  message: string;
  /** 1-based position where the limit was passed. */
  line: number;
  column: number;
}

type Open = { kind: 'map' | 'seq'; col: number };

/** Markers the lexer inserts that are not characters of the source. */
const SYNTHETIC = new Set(['\u0002', '\u0018', '\u001f']);

/** The first limit the text passes, or null when it is within all of them. */
export function sweepSourceLimitError(text: string): SourceLimitError | null {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > SWEEP_SOURCE_LIMITS.bytes) {
    return { message: `the sweep config is ${formatCount(bytes)} bytes; the limit is ${formatCount(SWEEP_SOURCE_LIMITS.bytes)} (1 MiB)`, line: 1, column: 1 };
  }
  const limits = SWEEP_SOURCE_LIMITS;
  const open: Open[] = [];
  let flow = 0;
  let aliases = 0;
  let line = 1;
  let col = 0;
  /** Column where the current node began on this line (its key, for a mapping), or -1. */
  let nodeCol = -1;

  const tooDeep = (depth: number, at: number): SourceLimitError | null =>
    depth > limits.depth ? { message: `the sweep config nests more than ${limits.depth} levels of mappings and lists; the limit is ${limits.depth}`, line, column: at + 1 } : null;

  /** A block collection of `kind` whose entries start at column `c`: the same one, or a child. */
  const openBlock = (kind: Open['kind'], c: number): SourceLimitError | null => {
    // A sequence may sit at its parent key's column; a mapping never sits inside a sequence at the same column.
    while (open.length > 0 && (open[open.length - 1].col > c || (open[open.length - 1].col === c && kind === 'map' && open[open.length - 1].kind === 'seq'))) open.pop();
    const top = open[open.length - 1];
    if (top && top.col === c && top.kind === kind) return null;
    open.push({ kind, col: c });
    return tooDeep(open.length, c);
  };

  for (const token of new Lexer().lex(text)) {
    if (SYNTHETIC.has(token)) continue;
    const type = CST.tokenType(token);
    const at = col;
    const lastNewline = token.lastIndexOf('\n');
    if (lastNewline >= 0) {
      for (let i = 0; i <= lastNewline; i++) if (token.charCodeAt(i) === 10) line++;
      col = token.length - lastNewline - 1;
    } else {
      col += token.length;
    }
    if (type === 'newline') {
      nodeCol = -1;
      continue;
    }
    if (type === 'space' || type === 'comment' || type === 'byte-order-mark') continue;
    if (type === 'doc-start' || type === 'doc-end') {
      open.length = 0;
      flow = 0;
      continue;
    }
    if (type === 'alias' && ++aliases > limits.aliases) {
      return { message: `the sweep config uses more than ${limits.aliases} aliases (*name); the limit is ${limits.aliases}`, line, column: at + 1 };
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (flow === 0 && nodeCol < 0) nodeCol = at;
      flow++;
      const err = tooDeep(open.length + flow, at);
      if (err) return err;
      continue;
    }
    if (type === 'flow-map-end' || type === 'flow-seq-end') {
      flow = Math.max(0, flow - 1);
      continue;
    }
    if (flow > 0) continue;
    let err: SourceLimitError | null = null;
    if (type === 'seq-item-ind') err = openBlock('seq', at);
    else if (type === 'explicit-key-ind') err = openBlock('map', at);
    else if (type === 'map-value-ind') err = nodeCol >= 0 ? openBlock('map', nodeCol) : null;
    else if (nodeCol < 0) nodeCol = at;
    if (err) return err;
    if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') nodeCol = -1;
  }
  return null;
}

/** The same depth limit for a config given as an object (a W&B dict in cell code, a JSON body). */
export function sweepObjectLimitError(config: unknown): string | null {
  const limit = SWEEP_SOURCE_LIMITS.depth;
  return valueDepth(config, limit) > limit ? `the sweep config nests more than ${limit} levels of objects and arrays; the limit is ${limit}` : null;
}

/** `yaml`'s own guard against alias expansion, as a message naming the limit. */
export function isAliasExpansionError(err: unknown): boolean {
  return err instanceof Error && /alias count/i.test(err.message);
}
