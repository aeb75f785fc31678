import { transform } from 'sucrase';
import { decodeLineColumnMap, mapColumn, type LineColumnMap } from './line-source-map';

/** A syntax error positioned in the cell (1-based line and column). */
export class CellSyntaxError extends SyntaxError {
  constructor(message: string, readonly line: number | null, readonly column: number | null) {
    super(message);
    this.name = 'SyntaxError';
  }
}

export interface TranspiledCell {
  /** JavaScript with the same line numbers as the cell. */
  code: string;
  /** Maps a 1-based (line, column) in `code` back to the cell's own column (1-based). */
  originalColumn(line: number, column: number): number;
}

/**
 * TypeScript → JavaScript with Sucrase (types stripped, modern syntax kept, lines preserved).
 * JavaScript cells pass through untouched.
 */
export function transpileCell(source: string, language: 'typescript' | 'javascript'): TranspiledCell {
  if (language === 'javascript') return { code: source, originalColumn: (_line, column) => column };
  let result: ReturnType<typeof transform>;
  try {
    result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      // Keep `import x from` visible so the rewriter can explain imports instead of Sucrase eliding them.
      keepUnusedImports: true,
      filePath: 'cell.ts',
      sourceMapOptions: { compiledFilename: 'cell.js' },
    });
  } catch (error) {
    throw toCellSyntaxError(error);
  }
  const map: LineColumnMap = result.sourceMap ? decodeLineColumnMap(result.sourceMap.mappings) : [];
  return {
    code: result.code,
    originalColumn: (line, column) => mapColumn(map, line - 1, column - 1) + 1,
  };
}

function toCellSyntaxError(error: unknown): CellSyntaxError {
  const e = error as { message?: string; loc?: { line: number; column: number } };
  // "Error transforming cell.ts: Unexpected token (3:12)" → "Unexpected token"
  const message = String(e.message ?? error)
    .replace(/^Error transforming [^:]*: /, '')
    .replace(/ \(\d+:\d+\)$/, '');
  // Sucrase's loc.column is already 1-based (unlike acorn's).
  return new CellSyntaxError(message, e.loc ? e.loc.line : null, e.loc ? e.loc.column : null);
}
