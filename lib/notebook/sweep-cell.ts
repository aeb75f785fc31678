import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { ExecuteOptions } from '../kernel/client';
import { parseSweepSource, sourceLimitErrors, type SweepSourceError } from '../sweep/parse';
import type { SweepSpec } from '../sweep/spec';
import { codeCellsOf } from './notebook';
import { isBlankSweepSource } from './sweep-cell-template';
import type { NotebookDoc } from './notebook';

/**
 * Sweep cells: a W&B sweep config in YAML (or JSON), plus a few keys of the cell's own that say
 * how to run it. They are taken out before the config is validated, so an existing W&B file
 * works unchanged and error lines still point at the cell's own lines:
 *
 *   function: trainTrial   # the training function, defined in a code cell above (default: train)
 *   count: 6               # trials to run this time (random/bayes need count or run_cap)
 *   seed: 0                # sampler seed
 *   server: true           # create the sweep on the server and print a join link for other browsers
 *
 * Running the cell runs `await bench.sweep(<config>, <function>, {count, seed, server})` in the
 * kernel (sweepCellToCode).
 */

export const DEFAULT_TRAIN_FUNCTION = 'train';

export interface SweepCellOptions {
  functionName: string;
  count?: number;
  seed?: number;
  server?: boolean;
}

export type SweepCellAnalysis =
  | { ok: true; spec: SweepSpec; specText: string; options: SweepCellOptions }
  /** `blank`: only comments and blank lines (a new cell's commented example): no errors to mark. */
  | { ok: false; blank?: boolean; errors: SweepSourceError[]; specText: string; options: SweepCellOptions };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The cell's own keys: each checks its value and returns an error message, or null. */
const CELL_KEYS: Record<string, (value: unknown, into: SweepCellOptions) => string | null> = {
  function(value, into) {
    if (typeof value !== 'string' || !IDENTIFIER.test(value)) return `function must name the training function, a JavaScript identifier such as trainTrial; got ${JSON.stringify(value)}`;
    into.functionName = value;
    return null;
  },
  count(value, into) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return `count must be a positive integer (trials to run); got ${JSON.stringify(value)}`;
    into.count = value;
    return null;
  },
  seed(value, into) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `seed must be a non-negative integer; got ${JSON.stringify(value)}`;
    into.seed = value;
    return null;
  },
  server(value, into) {
    if (typeof value !== 'boolean') return `server must be true or false; got ${JSON.stringify(value)}`;
    into.server = value;
    return null;
  },
};

/** Blanks [start, end) of `text`, keeping newlines, so every other line and column stays put. */
const blank = (text: string, start: number, end: number) => text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);

export function analyzeSweepCell(source: string): SweepCellAnalysis {
  const options: SweepCellOptions = { functionName: DEFAULT_TRAIN_FUNCTION };
  if (isBlankSweepSource(source)) return { ok: false, blank: true, errors: [], specText: source, options };
  // The cell's own keys are read with the YAML parser too: the same limits come first.
  const limited = sourceLimitErrors(source);
  if (limited) return { ok: false, errors: limited, specText: source, options };
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  const errors: SweepSourceError[] = [];
  let specText = source;
  if (doc.errors.length === 0 && isMap(doc.contents)) {
    const map = doc.contents;
    const own = map.items.filter((p) => isScalar(p.key) && String(p.key.value) in CELL_KEYS);
    for (const pair of own) {
      const key = String((pair.key as { value: unknown }).value);
      const value = isScalar(pair.value) ? pair.value.value : pair.value?.toJSON();
      const problem = CELL_KEYS[key](value, options);
      const [start, end] = [(pair.key as { range?: [number, number, number] }).range?.[0] ?? 0, (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? 0];
      if (problem) {
        const a = lines.linePos(start);
        const b = lines.linePos(Math.max(start, end));
        errors.push({ message: `${key}: ${problem}`, path: key, line: a.line, column: a.col, endLine: b.line, endColumn: b.col });
      }
    }
    for (const pair of own) {
      const start = (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
      let end = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? start;
      // In a {…} (JSON) map the pair's comma goes too; a last pair leaves a trailing comma
      // before }, which YAML accepts. Blanking keeps every other line where the user wrote it.
      if (map.flow) {
        const comma = /^\s*,/.exec(source.slice(end));
        if (comma) end += comma[0].length;
      }
      specText = blank(specText, start, end);
    }
  }
  const parsed = parseSweepSource(specText);
  if (!parsed.ok) return { ok: false, errors: [...errors, ...parsed.errors], specText, options };
  if (errors.length > 0) return { ok: false, errors, specText, options };
  return { ok: true, spec: parsed.spec, specText, options };
}

/** The code a sweep cell runs in the kernel. Invalid cells run code that throws their errors. */
export function sweepCellToCode(source: string): { source: string; language: 'javascript' } {
  const analysis = analyzeSweepCell(source);
  const fn = analysis.options.functionName;
  if (!analysis.ok && analysis.blank) {
    const message = 'this sweep cell has no config yet: uncomment the example (select all, Ctrl+/) or write a W&B sweep config';
    return { source: `throw new SyntaxError(${JSON.stringify(message)});`, language: 'javascript' };
  }
  if (!analysis.ok) {
    const message = `invalid sweep cell:\n${analysis.errors.map((e) => `  line ${e.line}: ${e.message}`).join('\n')}`;
    return { source: `throw new SyntaxError(${JSON.stringify(message)});`, language: 'javascript' };
  }
  const { count, seed, server } = analysis.options;
  const missing =
    `sweep cell: no training function "${fn}". Define it in a code cell above and run that cell first, ` +
    `e.g. async function ${fn}(config) { return bench.train({ …, learningRate: config.lr }); }` +
    (fn === DEFAULT_TRAIN_FUNCTION ? ', or name yours in this cell with  function: <name>' : '');
  const options = JSON.stringify({ count, seed, server, functionName: fn, source });
  return {
    language: 'javascript',
    source:
      `if (typeof ${fn} !== 'function') throw new ReferenceError(${JSON.stringify(missing)});\n` +
      `await bench.sweep(${JSON.stringify(analysis.specText)}, ${fn}, ${options});`,
  };
}

/**
 * What the kernel executes for a cell: code cells as they are, sweep cells as sweepCellToCode;
 * null for markdown. A sweep's code snapshot is the code cells above it (what defines its data
 * and training function), which is also what a server sweep's agents will run.
 */
export function cellExecution(doc: Pick<NotebookDoc, 'cells'>, cellId: string): ExecuteOptions | null {
  const index = doc.cells.findIndex((c) => c.id === cellId);
  const cell = doc.cells[index];
  if (!cell || cell.type === 'markdown') return null;
  if (cell.type === 'code') return { cellId, source: cell.source, language: cell.language, notebookCells: codeCellsOf(doc) };
  return { cellId, ...sweepCellToCode(cell.source), notebookCells: codeCellsOf({ cells: doc.cells.slice(0, index) }) };
}
