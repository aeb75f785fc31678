import type { BenchSession } from '../kernel/session';

/** Cells a heatmap may hold (a notebook file keeps its outputs). */
export const MAX_HEATMAP_CELLS = 10_000;

export interface HeatmapOptions {
  title?: string;
  /** Row labels (default 0, 1, …). */
  rows?: string[];
  /** Column labels (default 0, 1, …). */
  columns?: string[];
}

/** `bench.heatmap(matrix, options)`: draws a matrix under the cell (attention maps, confusion matrices). */
export function showHeatmap(session: BenchSession, matrix: readonly (readonly number[])[], options: HeatmapOptions = {}): void {
  const height = matrix.length;
  const width = matrix[0]?.length ?? 0;
  if (height === 0 || width === 0) throw new RangeError('bench.heatmap: the matrix is empty');
  if (matrix.some((row) => row.length !== width)) throw new RangeError(`bench.heatmap: every row must have ${width} values (the first row's length)`);
  if (height * width > MAX_HEATMAP_CELLS) throw new RangeError(`bench.heatmap: ${height}×${width} = ${height * width} cells, at most ${MAX_HEATMAP_CELLS}`);
  const labels = (given: string[] | undefined, n: number, what: string) => {
    if (given && given.length !== n) throw new RangeError(`bench.heatmap: ${given.length} ${what} labels for ${n} ${what}`);
    return given ? given.map(String) : Array.from({ length: n }, (_, i) => String(i));
  };
  session.emit({
    type: 'output',
    cellId: session.currentCell().cellId,
    output: { type: 'heatmap', title: options.title ?? '', rows: labels(options.rows, height, 'row'), columns: labels(options.columns, width, 'column'), values: matrix.flat().map(Number) },
  });
}
