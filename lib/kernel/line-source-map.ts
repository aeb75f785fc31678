/**
 * Column mapping for a source map whose lines map one-to-one (Sucrase keeps line numbers), so a
 * runtime error's column in the transpiled cell can be shown in the TypeScript the user wrote.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one VLQ segment ("AAAA") into its signed integers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`invalid source map character ${JSON.stringify(char)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Per generated line, [generatedColumn, sourceColumn] pairs sorted by generated column (0-based). */
export type LineColumnMap = [number, number][][];

export function decodeLineColumnMap(mappings: string): LineColumnMap {
  let sourceColumn = 0;
  return mappings.split(';').map((line) => {
    let generatedColumn = 0;
    const pairs: [number, number][] = [];
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const [genDelta, , , srcDelta] = decodeSegment(segment);
      generatedColumn += genDelta;
      // Source column is relative to the previous segment across lines (source map v3).
      if (srcDelta !== undefined) sourceColumn += srcDelta;
      pairs.push([generatedColumn, sourceColumn]);
    }
    return pairs;
  });
}

/** Maps a 0-based generated column on a 0-based line to the source column (same line). */
export function mapColumn(map: LineColumnMap, line: number, column: number): number {
  const pairs = map[line];
  if (!pairs || pairs.length === 0) return column;
  let best: [number, number] | undefined;
  for (const pair of pairs) {
    if (pair[0] > column) break;
    best = pair;
  }
  if (!best) return column;
  return best[1] + (column - best[0]);
}
