import { rewriteCell, SCOPE_PARAM } from './cell-rewrite';
import { CellSyntaxError, transpileCell } from './cell-transpile';
import type { CellError } from './protocol';

type AsyncFn = (scope: Record<string, unknown>) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => AsyncFn;

/** Lines (and columns on the first line) the engine puts before a constructed function's body. */
interface BodyOffset {
  lines: number;
}

let bodyOffset: Promise<BodyOffset> | null = null;
let compiled = 0;

/**
 * How the engine numbers lines of a `new AsyncFunction` body (V8 adds two header lines; other
 * engines differ), measured once with a probe rather than assumed.
 */
function measureBodyOffset(): Promise<BodyOffset> {
  bodyOffset ??= (async () => {
    const url = 'benchtop-cell-probe.js';
    const probe = new AsyncFunction(SCOPE_PARAM, `\nthrow new Error('probe');\n//# sourceURL=${url}`);
    try {
      await probe({});
    } catch (error) {
      const at = findFrame(error, url);
      if (at) return { lines: at.line - 2 };
    }
    return { lines: 0 };
  })();
  return bodyOffset;
}

function findFrame(error: unknown, url: string): { line: number; column: number } | null {
  const stack = (error as { stack?: unknown })?.stack;
  if (typeof stack !== 'string') return null;
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

export interface CompiledCell {
  /** Runs the cell on `scope`; resolves with the last expression's value (undefined if none). */
  run(scope: Record<string, unknown>): Promise<unknown>;
  returnsValue: boolean;
  /** Turns anything the cell threw into a CellError positioned in the cell. */
  toCellError(error: unknown): CellError;
}

/**
 * TypeScript/JavaScript cell → a function over the persistent scope. Throws CellSyntaxError (with
 * the cell's line and column) when the cell does not parse.
 */
export async function compileCell(source: string, language: 'typescript' | 'javascript'): Promise<CompiledCell> {
  const transpiled = transpileCell(source, language);
  const rewritten = rewriteCell(transpiled.code);
  const offset = await measureBodyOffset();
  const url = `benchtop-cell-${++compiled}.js`;
  let fn: AsyncFn;
  try {
    fn = new AsyncFunction(SCOPE_PARAM, `${rewritten.body}\n//# sourceURL=${url}`);
  } catch (error) {
    throw new CellSyntaxError(error instanceof Error ? error.message : String(error), null, null);
  }

  const toCellPosition = (line: number, column: number) => {
    const input = rewritten.toInputPosition(line, column);
    return { line: input.line, column: transpiled.originalColumn(input.line, input.column) };
  };

  return {
    returnsValue: rewritten.returnsValue,
    async run(scope) {
      // A declared name must exist on the scope, or `with` would let the assignment leak to globalThis.
      for (const name of rewritten.declaredNames) if (!(name in scope)) scope[name] = undefined;
      return fn(scope);
    },
    toCellError(error) {
      const base = describeError(error);
      const at = findFrame(error, url);
      if (!at) return base;
      const pos = toCellPosition(at.line - offset.lines, at.column);
      return { ...base, line: pos.line, column: pos.column };
    },
  };
}

/** Name, message and stack of anything thrown (an Error or not). */
export function describeError(error: unknown): CellError {
  if (error instanceof CellSyntaxError) {
    return { name: 'SyntaxError', message: error.message, line: error.line, column: error.column };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message, line: null, column: null, stack: error.stack };
  }
  return { name: 'Error', message: `Uncaught ${typeof error === 'string' ? error : JSON.stringify(error) ?? String(error)}`, line: null, column: null };
}
