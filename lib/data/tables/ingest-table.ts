import { sha256Hex } from '../sha256';
import type { TableMeta } from '../dataset-db';
import { inferColumns, targetProblem, type ColumnInfo } from './column-types';
import { parseCsvStream, type CsvStreamOptions } from './csv-stream';

/** Rows shown in the panel's preview. */
const PREVIEW_ROWS = 8;

/** A CSV read, typed and fingerprinted: what the dataset panel stores and the templates read. */
export async function ingestCsv(name: string, input: Blob | string, options: CsvStreamOptions = {}): Promise<{ meta: TableMeta; rows: string[][] }> {
  const parsed = await parseCsvStream(input, options);
  if (parsed.totalRows === 0) throw new Error(`${name}: no data rows under the header${parsed.badRowCount ? ` (${parsed.badRowCount} malformed rows skipped)` : ''}`);
  const columns = inferColumns(parsed.header, parsed.rows);
  const fingerprint = await tableFingerprint(parsed.header, parsed.rows);
  const meta: TableMeta = {
    name,
    header: parsed.header,
    columns,
    totalRows: parsed.totalRows,
    keptRows: parsed.rows.length,
    sampled: parsed.sampled,
    badRows: parsed.badRows,
    badRowCount: parsed.badRowCount,
    sizeBytes: parsed.sizeBytes,
    preview: parsed.rows.slice(0, PREVIEW_ROWS),
    target: defaultTarget(columns),
    missing: 'impute',
    fingerprint,
    createdAt: Date.now(),
  };
  return { meta, rows: parsed.rows };
}

/** sha256 of the header and rows as unit-separated text: the same cells give the same id. */
export async function tableFingerprint(header: string[], rows: string[][]): Promise<string> {
  const text = [header, ...rows].map((r) => r.join('\u001f')).join('\u001e');
  return sha256Hex(text);
}

/** The last column when it can be a target (the usual CSV layout), else the first that can. */
export function defaultTarget(columns: ColumnInfo[]): string | null {
  const last = columns.at(-1);
  if (last && !targetProblem(last)) return last.name;
  return columns.find((c) => !targetProblem(c))?.name ?? null;
}
