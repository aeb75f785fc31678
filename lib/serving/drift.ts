/**
 * Input drift by the population stability index. At export (or registration) the validation data
 * leaves a reference: for each input, the decile cut points of each statistic and the fraction of
 * validation rows in each bin. Served rows are counted into the same bins, and
 *   PSI = Σ (actual% − expected%) · ln(actual% / expected%)
 * per statistic; a PSI above 0.2 flags drift (the usual rule: < 0.1 stable, 0.1–0.2 moderate),
 * once at least DRIFT_MIN_ROWS rows were served in the window.
 * Tabular inputs (≤ 16 values per row) get one statistic per feature; larger inputs (images) get
 * per-row summary statistics — mean, std and the 10th/50th/90th percentiles of the row's values —
 * because 784 per-pixel PSIs over mostly-constant pixels say nothing.
 */

export const PSI_DRIFT_THRESHOLD = 0.2;
/** Rows counted before a PSI may flag: over 10 bins, a few dozen rows differ from any reference by chance. */
export const DRIFT_MIN_ROWS = 50;
/** Inputs with more values per row than this are summarized, not compared per feature. */
export const FEATURE_LIMIT = 16;
const BINS = 10;
/** Floor on a bin's fraction, so an empty bin does not make PSI infinite. */
const EPSILON = 1e-4;

export const SUMMARY_STATS = ['mean', 'std', 'p10', 'p50', 'p90'] as const;

export interface StatReference {
  /** Ascending cut points: bin i holds values v with edges[i-1] < v ≤ edges[i]. */
  edges: number[];
  /** Fraction of reference rows per bin (edges.length + 1 bins). */
  expected: number[];
}

export interface InputReference {
  mode: 'features' | 'summary';
  /** Values per row. */
  rowSize: number;
  stats: Record<string, StatReference>;
}

export interface DriftReference {
  /** Validation rows the reference was built from. */
  rows: number;
  inputs: Record<string, InputReference>;
}

function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The summary statistics of one row of an image-like input. */
export function rowSummary(row: ArrayLike<number>): Record<(typeof SUMMARY_STATS)[number], number> {
  const n = row.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += row[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (row[i] - mean) ** 2;
  const sorted = Float64Array.from(row).sort();
  return { mean, std: Math.sqrt(sq / n), p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
}

/** Statistic name → value for every row of a [rows, …] input. */
export function rowStatistics(data: ArrayLike<number>, rows: number, mode: InputReference['mode']): Record<string, number[]> {
  const rowSize = data.length / rows;
  const flat = ArrayBuffer.isView(data) ? (data as unknown as Float32Array) : Float64Array.from(data);
  const out: Record<string, number[]> = {};
  if (mode === 'features') {
    for (let f = 0; f < rowSize; f++) out[`f${f}`] = Array.from({ length: rows }, (_, r) => flat[r * rowSize + f]);
    return out;
  }
  for (const k of SUMMARY_STATS) out[k] = [];
  for (let r = 0; r < rows; r++) {
    const stats = rowSummary(flat.subarray(r * rowSize, (r + 1) * rowSize));
    for (const k of SUMMARY_STATS) out[k].push(stats[k]);
  }
  return out;
}

export function binIndex(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binCounts(edges: number[], values: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[binIndex(edges, v)]++;
  return counts;
}

const round4 = (x: number) => Number(x.toPrecision(4));

function statReference(values: number[]): StatReference {
  const sorted = Float64Array.from(values).sort();
  // 4 significant digits: the reference travels in an artifact's metadata header (8 KiB).
  const edges = [...new Set(Array.from({ length: BINS - 1 }, (_, i) => round4(quantileSorted(sorted, (i + 1) / BINS))))].sort((a, b) => a - b);
  const counts = binCounts(edges, values);
  return { edges, expected: counts.map((c) => round4(c / values.length)) };
}

/** The reference of one input, from validation rows (data is [rows, …] flattened). */
export function inputReference(data: ArrayLike<number>, rows: number): InputReference {
  const rowSize = data.length / rows;
  const mode = rowSize <= FEATURE_LIMIT ? 'features' : 'summary';
  const stats = Object.fromEntries(Object.entries(rowStatistics(data, rows, mode)).map(([k, v]) => [k, statReference(v)]));
  return { mode, rowSize, stats };
}

export function driftReference(inputs: Record<string, { data: ArrayLike<number>; rows: number }>): DriftReference {
  const entries = Object.entries(inputs);
  return { rows: entries[0]?.[1].rows ?? 0, inputs: Object.fromEntries(entries.map(([name, x]) => [name, inputReference(x.data, x.rows)])) };
}

/** PSI of observed bin counts against the reference's expected fractions; null with no rows. */
export function psi(expected: number[], counts: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let sum = 0;
  expected.forEach((e, i) => {
    const a = Math.max(EPSILON, (counts[i] ?? 0) / total);
    const x = Math.max(EPSILON, e);
    sum += (a - x) * Math.log(a / x);
  });
  return sum;
}
