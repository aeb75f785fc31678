import Papa from 'papaparse';
import { createRng } from '../rng';

/**
 * Rows kept in memory from one CSV. A bigger file is still read to the end (every row counted),
 * keeping a uniform random sample of this many rows (reservoir sampling): the first rows of a
 * file are often sorted by date or class, so "the first N" would be a biased sample.
 */
export const MAX_TABLE_ROWS = 100_000;
/** Bytes papaparse reads per step: progress moves at least every this many bytes. */
const CHUNK_BYTES = 1 << 20;
/** Malformed rows listed by number (all are counted). */
const MAX_LISTED_BAD_ROWS = 20;

export interface ParsedCsv {
  header: string[];
  /** At most MAX_TABLE_ROWS rows, each with exactly header.length cells. */
  rows: string[][];
  /** Well-formed data rows in the file. */
  totalRows: number;
  /** True when rows is a sample of totalRows. */
  sampled: boolean;
  /** Rows skipped because their cell count differs from the header's (1-based line of data). */
  badRows: { row: number; message: string }[];
  badRowCount: number;
  sizeBytes: number;
}

export interface CsvProgress {
  readBytes: number;
  totalBytes: number;
  rows: number;
}

export interface CsvStreamOptions {
  maxRows?: number;
  seed?: number;
  onProgress?: (progress: CsvProgress) => void;
}

/** Streams a CSV (a File in the browser's worker, or text) through papaparse, a chunk at a time. */
export function parseCsvStream(input: Blob | string, options: CsvStreamOptions = {}): Promise<ParsedCsv> {
  const { maxRows = MAX_TABLE_ROWS, seed = 1, onProgress } = options;
  const totalBytes = typeof input === 'string' ? input.length : input.size;
  const rng = createRng(seed);
  let header: string[] | null = null;
  const rows: string[][] = [];
  const badRows: ParsedCsv['badRows'] = [];
  let badRowCount = 0;
  let totalRows = 0;
  let line = 0;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(input as File, {
      header: false,
      skipEmptyLines: 'greedy',
      chunkSize: CHUNK_BYTES,
      chunk(results) {
        for (const row of results.data) {
          if (!header) {
            header = dedupeHeader(row);
            continue;
          }
          line++;
          if (row.length !== header.length) {
            badRowCount++;
            if (badRows.length < MAX_LISTED_BAD_ROWS) badRows.push({ row: line, message: `${row.length} cells, the header has ${header.length}` });
            continue;
          }
          if (totalRows < maxRows) rows.push(row);
          else {
            const j = Math.floor(rng() * (totalRows + 1));
            if (j < maxRows) rows[j] = row;
          }
          totalRows++;
        }
        onProgress?.({ readBytes: Math.min(results.meta.cursor, totalBytes), totalBytes, rows: totalRows });
      },
      complete() {
        if (!header) return reject(new Error('the file is empty: no header row'));
        onProgress?.({ readBytes: totalBytes, totalBytes, rows: totalRows });
        resolve({ header, rows, totalRows, sampled: totalRows > rows.length, badRows, badRowCount, sizeBytes: totalBytes });
      },
      error(error: Error) {
        reject(new Error(`could not read the CSV: ${error.message}`));
      },
    });
  });
}

/** Blank or repeated header names get a position suffix so every column has its own name. */
function dedupeHeader(row: string[]): string[] {
  const seen = new Set<string>();
  return row.map((raw, i) => {
    let name = raw.trim() || `column ${i + 1}`;
    if (seen.has(name)) name = `${name} (${i + 1})`;
    seen.add(name);
    return name;
  });
}
