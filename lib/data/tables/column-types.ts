/**
 * Column typing for an uploaded table: each column is numeric (every present value parses as a
 * finite number), categorical (few distinct values) or text (everything else). Text columns are
 * shown but not used as features: a bag of words per cell is the text template's job.
 */

export type ColumnType = 'numeric' | 'categorical' | 'text';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Cells that are empty or a missing-value token (NA, N/A, NaN, null, ?). */
  missing: number;
  /** Distinct present values, counted up to MAX_CATEGORIES + 1. */
  distinct: number;
}

/** A categorical column has at most this many distinct values (and a target at most this many classes). */
export const MAX_CATEGORIES = 50;

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);

export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING_TOKENS.has(cell.trim().toLowerCase());
}

/** The number a numeric cell holds (NaN when it holds none). */
export function parseNumber(cell: string): number {
  const trimmed = cell.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export function inferColumns(header: string[], rows: string[][]): ColumnInfo[] {
  return header.map((name, c) => {
    let missing = 0;
    let numeric = true;
    const seen = new Set<string>();
    for (const row of rows) {
      const cell = row[c];
      if (isMissing(cell)) {
        missing++;
        continue;
      }
      if (numeric && !Number.isFinite(parseNumber(cell))) numeric = false;
      if (seen.size <= MAX_CATEGORIES) seen.add(cell.trim());
    }
    const present = rows.length - missing;
    let type: ColumnType;
    if (numeric && present > 0) type = 'numeric';
    // Categorical when values repeat: a column of unique strings (names, ids, sentences) is text.
    else if (seen.size <= MAX_CATEGORIES && seen.size <= Math.max(2, present / 2)) type = 'categorical';
    else type = 'text';
    return { name, type, missing, distinct: seen.size };
  });
}

/**
 * Why `column` cannot be the classification target, or null when it can: a categorical column,
 * or a numeric one with at most MAX_CATEGORIES distinct values (class ids such as 0/1/2).
 */
export function targetProblem(column: ColumnInfo): string | null {
  if (column.type === 'text') return `"${column.name}" is a text column (more than ${MAX_CATEGORIES} distinct values or all unique): pick a column of classes`;
  if (column.distinct > MAX_CATEGORIES) return `"${column.name}" has more than ${MAX_CATEGORIES} distinct values: the templates classify, they do not regress`;
  if (column.distinct < 2) return `"${column.name}" has fewer than 2 distinct values: nothing to classify`;
  return null;
}
